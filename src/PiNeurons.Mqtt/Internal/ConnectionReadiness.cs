namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Whether the connection is ready (connected, subscribed and past the Connected callback), and a signal to
/// wait for it. The supervisor sets it, the outbox and callers read it; <paramref name="changed"/> hears every
/// change, after the signal is completed, outside the lock.
/// </summary>
internal sealed class ConnectionReadiness(Action<bool> changed)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _ready = NewSignal();
    private volatile bool _isReady;

    /// <summary>True when the connection is ready.</summary>
    public bool IsReady => _isReady;

    /// <summary>Completes when the connection is ready (at once if it already is).</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        return ready.WaitAsync(ct);
    }

    /// <summary>Records the connection as ready or not; does nothing when that is already so.</summary>
    public void Set(bool ready)
    {
        TaskCompletionSource? toComplete = null;
        lock (_gate)
        {
            if (_isReady == ready)
            {
                return;
            }

            _isReady = ready;
            if (ready)
            {
                toComplete = _ready;
            }
            else
            {
                // A waiter that came while ready already has its answer; later ones wait for the next connection.
                _ready = _ready.Task.IsCompleted ? NewSignal() : _ready;
            }
        }

        toComplete?.TrySetResult();
        changed(ready);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
