using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>How a level change on the simulated board reaches listeners.</summary>
public sealed partial class SimulatedGpioDriver
{
    /// <summary>
    /// Applies <paramref name="mutate"/> to a pin under the lock, then tells whoever listens when the
    /// pin's level changed. Listeners run after the lock is released so they may call back in.
    /// </summary>
    private void Change(int pin, Action<SimulatedPin> mutate)
    {
        PinEventTypes edge;
        SimulatedPinChangedEventArgs? output = null;
        List<PinChangeEventHandler> callbacks = [];
        List<TaskCompletionSource<PinEventTypes>> waiters = [];

        lock (_gate)
        {
            var p = PinAt(pin);
            var wasOutput = p.Mode == PinMode.Output;
            var before = p.Level;
            mutate(p);
            var after = p.Level;
            if (before == after)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if (wasOutput || p.Mode == PinMode.Output)
            {
                output = new SimulatedPinChangedEventArgs(pin, after);
            }

            // Like libgpiod, edge events exist only for input lines.
            if (p.Mode != PinMode.Output)
            {
                callbacks.AddRange(p.Callbacks.Where(c => (c.Types & edge) != 0).Select(c => c.Handler));
                waiters.AddRange(p.Waiters.Where(w => (w.Types & edge) != 0).Select(w => w.Waiter));
                p.Waiters.RemoveAll(w => (w.Types & edge) != 0);
            }
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(edge);
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var callback in callbacks)
        {
            callback(this, args);
        }

        if (output is not null)
        {
            OutputChanged?.Invoke(this, output);
        }
    }
}
