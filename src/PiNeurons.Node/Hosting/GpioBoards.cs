using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;

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
    private readonly Dictionary<string, List<(SensorEntry Entry, IPolledSensor Sensor)>> _polled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GpioSelection> _selections = new(StringComparer.Ordinal);

    /// <summary>Opens every host's GPIO, on this machine's chips, and every neuron's LEDs, button and sensors.</summary>
    /// <exception cref="GpioUnavailableException">No chip fits, or the GPIO driver cannot be opened.</exception>
    public GpioBoards(NodePlan plan, TimeProvider time)
        : this(plan, time, null, new GpioChipDevices())
    {
    }

    /// <summary>As the public constructor; <paramref name="openSensor"/> replaces how polled sensors are
    /// opened (tests hand in scripted ones at this hardware seam), <paramref name="chips"/> where the chips
    /// are listed from.</summary>
    internal GpioBoards(NodePlan plan, TimeProvider time, Func<SensorEntry, IPolledSensor>? openSensor, IGpioChips chips)
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

                var (controller, selection) = GpioControllerFactory.Open(host.Driver, host.ChipRequest, chips, simulated);
                _controllers.Add(controller);
                _selections[host.Name] = selection;
                // One per host: sensors naming the same BME280 or DHT22 share the device through it.
                var buses = simulated is not null ? SensorBuses.Simulated(time) : new SensorBuses();
                foreach (var neuron in host.Neurons)
                {
                    _boards[neuron.Id] = NeuronBoard.Create(controller, neuron, time);
                    _polled[neuron.Id] = [.. neuron.Sensors.Where(s => s.IsPolled).Select(s => (s, openSensor?.Invoke(s)
                        ?? (simulated is not null
                            ? PolledSensorFactory.CreateSimulated(s, buses)
                            : PolledSensorFactory.Create(s, controller, buses))))];
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>What each host's GPIO was opened on (driver and chip), by host name, for the start message.</summary>
    public IReadOnlyDictionary<string, GpioSelection> Selections => _selections;

    /// <summary>The simulated driver of each host that uses one, by host name (the demo watches its LEDs).</summary>
    public IReadOnlyDictionary<string, SimulatedGpioDriver> Simulated => _simulated;

    /// <summary>The board of neuron <paramref name="id"/>.</summary>
    public NeuronBoard BoardOf(string id) => _boards[id];

    /// <summary>The polled sensors of neuron <paramref name="id"/>, with their manifest entries.</summary>
    public IReadOnlyList<(SensorEntry Entry, IPolledSensor Sensor)> PolledSensorsOf(string id) =>
        _polled.TryGetValue(id, out var sensors) ? sensors : [];

    /// <summary>The unit a sensor of the manifest reports in: its measure's, or none for an edge sensor's 0/1 level.</summary>
    public static string UnitOf(SensorEntry sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return sensor.IsPolled ? SensorUnits.For(SensorMeasures.Of(sensor)) : string.Empty;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, sensor) in _polled.Values.SelectMany(s => s))
        {
            sensor.Dispose();
        }

        foreach (var board in _boards.Values)
        {
            board.Dispose();
        }

        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }

        _polled.Clear();
        _boards.Clear();
        _controllers.Clear();
    }
}
