using System.Collections.Concurrent;
using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Demo;

/// <summary>Watches the fire LEDs on the simulated boards, so the demo can show what a class would see.</summary>
internal sealed class LedRecorder : IDisposable
{
    private readonly List<(SimulatedGpioDriver Driver, EventHandler<SimulatedPinChangedEventArgs> Handler)> _subscriptions = [];
    private readonly ConcurrentQueue<LedFlash> _flashes = new();
    private readonly TimeProvider _time;

    public LedRecorder(NodePlan plan, GpioBoards boards, TimeProvider time)
    {
        _time = time;
        foreach (var host in plan.Hosts)
        {
            if (!boards.Simulated.TryGetValue(host.Name, out var driver))
            {
                continue;
            }

            var leds = host.Neurons.Where(n => n.Led is not null).ToDictionary(n => n.Led!.Pin, n => n);
            EventHandler<SimulatedPinChangedEventArgs> handler = (_, e) =>
            {
                if (e.Value == PinValue.High != (leds.TryGetValue(e.Pin, out var n) && n.Led!.ActiveLow) && n is not null)
                {
                    _flashes.Enqueue(new LedFlash(n.Id, _time.GetTimestamp()));
                }
            };
            driver.OutputChanged += handler;
            _subscriptions.Add((driver, handler));
        }
    }

    /// <summary>Takes the LED flashes recorded since the last call.</summary>
    public IReadOnlyList<LedFlash> Drain()
    {
        var list = new List<LedFlash>();
        while (_flashes.TryDequeue(out var flash))
        {
            list.Add(flash);
        }

        return list;
    }

    public void Dispose()
    {
        foreach (var (driver, handler) in _subscriptions)
        {
            driver.OutputChanged -= handler;
        }
    }
}

/// <summary>A fire LED lighting up.</summary>
internal readonly record struct LedFlash(string NeuronId, long At);

/// <summary>The neurons of a manifest in display order.</summary>
internal static class DemoLayout
{
    public static IReadOnlyList<string> Order(ClusterManifest manifest) => [.. manifest.Neurons.Select(n => n.Id)];
}
