namespace PiNeurons.Node.Runtime;

/// <summary>
/// docs/protocol.md section 9, "Heartbeat": the neuron republishes its status and state every interval, so that a
/// consumer on another node of a clustered broker, where retained messages and last wills do not reach, can tell a
/// live neuron from a dead one. The timer only wakes the neuron's loop, which does the publishing under its lock.
/// </summary>
internal sealed class HeartbeatTimer(TimeProvider time, TimeSpan interval, Action beat) : IDisposable
{
    private readonly ITimer _timer = time.CreateTimer(_ => beat(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    private volatile bool _running;

    /// <summary>The interval, in whole seconds, as the state announces it.</summary>
    public int Seconds { get; } = (int)interval.TotalSeconds;

    /// <summary>True between <see cref="Restart"/> and <see cref="Stop"/>: a beat that comes after a stop is ignored.</summary>
    public bool IsRunning => _running;

    /// <summary>Counts a whole interval from now. Called after each (re)connect, which has just published status and
    /// state: the next beat is one interval after them, not sooner.</summary>
    public void Restart()
    {
        _running = true;
        _timer.Change(interval, interval);
    }

    /// <summary>No more beats: the neuron is about to say offline.</summary>
    public void Stop()
    {
        _running = false;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
