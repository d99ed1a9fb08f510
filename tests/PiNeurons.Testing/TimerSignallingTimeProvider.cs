using Microsoft.Extensions.Time.Testing;

namespace PiNeurons.Testing;

/// <summary>
/// A fake clock that says when the first timer with a due time is created, and with which due time: a test
/// advances the clock only once the code under test is waiting on it, and can check how long that wait is.
/// </summary>
public sealed class TimerSignallingTimeProvider : FakeTimeProvider
{
    private readonly TaskCompletionSource<TimeSpan> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the due time of the first timer created with one.</summary>
    public Task<TimeSpan> TimerCreated => _created.Task;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.TrySetResult(dueTime);
        }

        return timer;
    }
}
