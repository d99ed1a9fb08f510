using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>Blocking and asynchronous waits for an edge on the simulated board.</summary>
public sealed partial class SimulatedGpioDriver
{
    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        WaitCoreAsync(pinNumber, eventTypes, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc/>
    protected override ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new(WaitCoreAsync(pinNumber, eventTypes, cancellationToken));

    // The waiter is registered before the first await, so an edge raised right after the call is seen.
    private async Task<WaitForEventResult> WaitCoreAsync(int pin, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = (eventTypes, waiter);
        lock (_gate)
        {
            PinAt(pin).Waiters.Add(entry);
        }

        try
        {
            var seen = await waiter.Task.WaitAsync(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                PinAt(pin).Waiters.Remove(entry);
            }

            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }
}
