using PiNeurons.Core.Model;

namespace PiNeurons.Core.Manifest;

/// <summary>One Pi of the cluster: its hostname, GPIO driver and the neurons it hosts.</summary>
/// <param name="Name">The Pi's hostname (what <c>--node</c> matches).</param>
/// <param name="Gpio">Which GPIO driver and chip the Pi uses.</param>
/// <param name="Neurons">The neurons this Pi hosts.</param>
public sealed record HostEntry(string Name, GpioEntry Gpio, IReadOnlyList<NeuronEntry> Neurons);

/// <summary>GPIO settings of a host. With neither <paramref name="Chip"/> nor <paramref name="Label"/> the node
/// finds the 40-pin header's chip by its label, since its number differs between Pi models and kernels.</summary>
/// <param name="Driver"><c>auto</c>, <c>libgpiod</c>, <c>libgpiodv2</c> or <c>simulated</c>.</param>
/// <param name="Chip">The gpiochip number, when named; null: found by label.</param>
/// <param name="Label">The label the chip must carry (as <c>gpiodetect</c> shows it), when named.</param>
public sealed record GpioEntry(string Driver = "auto", int? Chip = null, string? Label = null);

/// <summary>One neuron of the manifest: where it runs, its initial config and its hardware.</summary>
/// <param name="Id">The neuron id.</param>
/// <param name="Host">The hostname of the Pi hosting it.</param>
/// <param name="Config">Defaults, then the manifest's <c>defaults</c>, then the neuron's own fields.</param>
/// <param name="Led">The fire LED, if wired.</param>
/// <param name="Button">The push button, if wired.</param>
/// <param name="Sensors">Sensors that kick the neuron.</param>
public sealed record NeuronEntry(
    string Id,
    string Host,
    NeuronConfig Config,
    LedEntry? Led,
    ButtonEntry? Button,
    IReadOnlyList<SensorEntry> Sensors)
{
    /// <summary>The LED whose brightness shows the potential, if wired.</summary>
    public PotentialLedEntry? PotentialLed { get; init; }

    /// <summary>The LED that shows the MQTT connection, if wired.</summary>
    public LedEntry? StatusLed { get; init; }

    /// <summary>The button that teaches a perceptron neuron, if wired: a click says "you should have fired", a long
    /// press "you should not have" (docs/learning.md).</summary>
    public ButtonEntry? TeachButton { get; init; }
}

/// <summary>The fire LED.</summary>
/// <param name="Pin">BCM GPIO line number.</param>
/// <param name="ActiveLow">True when the LED is wired to 3.3 V and lights when the pin is low.</param>
public sealed record LedEntry(int Pin, bool ActiveLow);

/// <summary>Pull resistor of an input line.</summary>
public enum PullMode
{
    /// <summary>Internal pull-up; the input is active when low (button to GND).</summary>
    Up,

    /// <summary>Internal pull-down; the input is active when high (button to 3.3 V).</summary>
    Down,

    /// <summary>No internal pull; an external resistor or a driven output (e.g. a PIR sensor).</summary>
    None,
}

/// <summary>Which edge of a digital sensor kicks.</summary>
public enum EdgeKind
{
    /// <summary>Low to high.</summary>
    Rising,

    /// <summary>High to low.</summary>
    Falling,

    /// <summary>Both.</summary>
    Both,
}

/// <summary>The push button: a press is a kick from <c>button</c>.</summary>
/// <param name="Pin">BCM GPIO line number.</param>
/// <param name="Pull">Pull resistor.</param>
/// <param name="DebounceMs">Contacts bounce for a few ms; edges within this time after a change are ignored.</param>
public sealed record ButtonEntry(int Pin, PullMode Pull, int DebounceMs)
{
    /// <summary>A second press starting within this time of the first release is a double click.</summary>
    public int DoubleClickMs { get; init; } = 400;

    /// <summary>A press held this long is a long click.</summary>
    public int LongPressMs { get; init; } = 1000;
}

/// <summary>The LED that shows the potential as brightness (PWM).</summary>
/// <param name="Pin">BCM GPIO line number.</param>
/// <param name="ActiveLow">True when the LED lights when the pin is low.</param>
/// <param name="FrequencyHz">PWM frequency.</param>
/// <param name="PwmChip">The hardware PWM chip, when the pin is routed to one; null for software PWM.</param>
/// <param name="PwmChannel">The hardware PWM channel on <paramref name="PwmChip"/>.</param>
public sealed record PotentialLedEntry(int Pin, bool ActiveLow, int FrequencyHz, int? PwmChip, int? PwmChannel);

/// <summary>A sensor that kicks the neuron as <c>sensor:&lt;name&gt;</c>.</summary>
/// <param name="Name">The sensor's name (an id).</param>
/// <param name="Type">One of <see cref="SensorTypes"/>: an edge kicks (<c>digital</c>, <c>pir</c>), or a polled
/// reading crossing its <see cref="Threshold"/> does.</param>
/// <param name="Pin">BCM GPIO line number (the data line of a DHT22, the 1-Wire bus line of a DS18B20); -1 when the sensor has none.</param>
/// <param name="Pull">Pull resistor (edge sensors).</param>
/// <param name="Edge">Which edge kicks (edge sensors).</param>
/// <param name="DebounceMs">Edges within this time after a change are ignored (edge sensors).</param>
public sealed record SensorEntry(string Name, string Type, int Pin, PullMode Pull, EdgeKind Edge, int DebounceMs)
{
    /// <summary>What a polled sensor reads: <c>temperature</c>, <c>humidity</c>, <c>pressure</c> or <c>distance</c>.</summary>
    public string? Measure { get; init; }

    /// <summary>The I2C bus (BME280).</summary>
    public int Bus { get; init; } = 1;

    /// <summary>The I2C address (BME280: 0x76, or 0x77 with SDO high).</summary>
    public int Address { get; init; } = 0x76;

    /// <summary>The trigger line (HC-SR04); -1 otherwise.</summary>
    public int TriggerPin { get; init; } = -1;

    /// <summary>The echo line (HC-SR04); -1 otherwise.</summary>
    public int EchoPin { get; init; } = -1;

    /// <summary>The 1-Wire device id (DS18B20), e.g. <c>28-00000a1b2c3d</c>.</summary>
    public string? Device { get; init; }

    /// <summary>How often a polled sensor is read.</summary>
    public int IntervalMs { get; init; }

    /// <summary>When a polled reading kicks; null: readings are published but never kick.</summary>
    public SensorThresholdEntry? Threshold { get; init; }

    /// <summary>True for sensors read at <see cref="IntervalMs"/>, false for edge sensors.</summary>
    public bool IsPolled => SensorTypes.IsPolled(Type);

    /// <summary>The GPIO lines the sensor occupies.</summary>
    public IEnumerable<int> Pins => new[] { Pin, TriggerPin, EchoPin }.Where(p => p >= 0);
}

/// <summary>Which side of the threshold kicks.</summary>
public enum ThresholdDirection
{
    /// <summary>A reading rising to or above the value kicks.</summary>
    Above,

    /// <summary>A reading falling to or below the value kicks.</summary>
    Below,
}

/// <summary>When a polled sensor kicks, with hysteresis so a reading hovering at the value kicks once.</summary>
/// <param name="Direction">Which crossing kicks.</param>
/// <param name="Value">The threshold, in the sensor's unit.</param>
/// <param name="Hysteresis">How far back across the value a reading must go before the next crossing kicks.</param>
public sealed record SensorThresholdEntry(ThresholdDirection Direction, double Value, double Hysteresis);

/// <summary>Home Assistant MQTT discovery (<c>homeAssistant:</c>).</summary>
/// <param name="Discovery">True: every node announces its neurons to Home Assistant.</param>
/// <param name="Prefix">Home Assistant's discovery prefix.</param>
/// <param name="Form">How each neuron is announced: one device config, or one config per entity.</param>
public sealed record HomeAssistantEntry(
    bool Discovery = false,
    string Prefix = "homeassistant",
    HomeAssistantDiscoveryForm Form = HomeAssistantDiscoveryForm.Device);

/// <summary>The shape of a neuron's Home Assistant discovery configs (<c>homeAssistant.discovery</c>).</summary>
public enum HomeAssistantDiscoveryForm
{
    /// <summary>One retained config per neuron on <c>&lt;prefix&gt;/device/…/config</c> listing its entities
    /// (Home Assistant 2024.11 and later; what Home Assistant recommends).</summary>
    Device,

    /// <summary>One retained config per entity on <c>&lt;prefix&gt;/&lt;platform&gt;/…/config</c>, for older Home Assistant.</summary>
    Component,
}
