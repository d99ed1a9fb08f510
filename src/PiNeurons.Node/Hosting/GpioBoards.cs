using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// The composition root of the hardware: one <see cref="GpioController"/> per planned host (a simulated
/// one per host under <c>--node all</c>, since every Pi uses the same pin numbers), and a
/// <see cref="NeuronBoard"/> per neuron. Created once, disposed once.
/// </summary>
public sealed class GpioBoards : IDisposable
{
    private readonly List<GpioController> _controllers = [];
    private readonly Dictionary<string, NeuronBoard> _boards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedGpioDriver> _simulated = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens every host's GPIO and every neuron's LED, button and sensors.</summary>
    /// <exception cref="GpioUnavailableException">The platform GPIO driver cannot be opened.</exception>
    public GpioBoards(NodePlan plan, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            foreach (var host in plan.Hosts)
            {
                SimulatedGpioDriver? simulated = null;
                if (host.Driver == GpioDriverKind.Simulated)
                {
                    simulated = new SimulatedGpioDriver();
                    _simulated[host.Name] = simulated;
                }

                var controller = GpioControllerFactory.Create(host.Driver, host.Chip, simulated);
                _controllers.Add(controller);
                foreach (var neuron in host.Neurons)
                {
                    _boards[neuron.Id] = NeuronBoard.Create(controller, ToSpec(neuron), time);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The simulated driver of each host that uses one, by host name (the demo watches its LEDs).</summary>
    public IReadOnlyDictionary<string, SimulatedGpioDriver> Simulated => _simulated;

    /// <summary>The board of neuron <paramref name="id"/>.</summary>
    public NeuronBoard BoardOf(string id) => _boards[id];

    /// <summary>Maps a manifest entry to the hardware seam's spec.</summary>
    public static BoardSpec ToSpec(NeuronEntry neuron)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        return new BoardSpec(
            neuron.Led is { } led ? new LedSpec(led.Pin, led.ActiveLow) : null,
            neuron.Button is { } button ? new ButtonSpec(button.Pin, Pull(button.Pull), button.DebounceMs) : null,
            [.. neuron.Sensors.Where(s => !s.IsPolled).Select(s => new DigitalSensorSpec(s.Name, s.Pin, Pull(s.Pull), Edge(s.Edge), s.DebounceMs))]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var board in _boards.Values)
        {
            board.Dispose();
        }

        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }

        _boards.Clear();
        _controllers.Clear();
    }

    private static ButtonPull Pull(PullMode pull) => pull switch
    {
        PullMode.Up => ButtonPull.Up,
        PullMode.Down => ButtonPull.Down,
        _ => ButtonPull.None,
    };

    private static SensorEdge Edge(EdgeKind edge) => edge switch
    {
        EdgeKind.Rising => SensorEdge.Rising,
        EdgeKind.Falling => SensorEdge.Falling,
        _ => SensorEdge.Both,
    };
}
