namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// Devices that several sensors read, one per key: the three measures of a BME280, the two of a
/// DHT22. The device is created for its first user and disposed when its last user lets go.
/// </summary>
/// <remarks>
/// Sharing is not an optimisation. Two BME280 bindings on one chip would reset it under each other
/// and interleave register-pointer writes; two DHT22 readers would fight over one pin and wake the
/// sensor more often than every 2 s.
/// </remarks>
internal sealed class SharedDevices<TKey, TDevice>
    where TKey : notnull
    where TDevice : class, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, (TDevice Device, int Users)> _devices = [];

    /// <summary>The device for <paramref name="key"/>, created by <paramref name="create"/> if nobody holds it.</summary>
    public Lease Acquire(TKey key, Func<TDevice> create)
    {
        lock (_gate)
        {
            var (device, users) = _devices.TryGetValue(key, out var held) ? held : (create(), 0);
            _devices[key] = (device, users + 1);
            return new Lease(this, key, device);
        }
    }

    private void Release(TKey key)
    {
        TDevice? last = null;
        lock (_gate)
        {
            var (device, users) = _devices[key];
            if (users == 1)
            {
                _devices.Remove(key);
                last = device;
            }
            else
            {
                _devices[key] = (device, users - 1);
            }
        }

        last?.Dispose();
    }

    /// <summary>One user's hold on a shared device; disposing it lets go, once.</summary>
    internal sealed class Lease(SharedDevices<TKey, TDevice> owner, TKey key, TDevice device) : IDisposable
    {
        private int _released;

        public TDevice Device { get; } = device;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
