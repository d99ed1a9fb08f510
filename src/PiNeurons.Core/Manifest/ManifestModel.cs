using PiNeurons.Core.Model;

namespace PiNeurons.Core.Manifest;

/// <summary>One Pi of the cluster: its hostname, GPIO driver and the neurons it hosts.</summary>
/// <param name="Name">The Pi's hostname (what <c>--node</c> matches).</param>
/// <param name="Gpio">Which GPIO driver and chip the Pi uses.</param>
/// <param name="Neurons">The neurons this Pi hosts.</param>
public sealed record HostEntry(string Name, GpioEntry Gpio, IReadOnlyList<NeuronEntry> Neurons);

/// <summary>GPIO settings of a host.</summary>
/// <param name="Driver"><c>auto</c>, <c>libgpiod</c>, <c>libgpiodv2</c> or <c>simulated</c>.</param>
/// <param name="Chip">The gpiochip number (0 on Pi 1-4, the RP1 chip on a Pi 5 is found by <c>auto</c>).</param>
public sealed record GpioEntry(string Driver = "auto", int Chip = 0);

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
    IReadOnlyList<SensorEntry> Sensors);

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
public sealed record ButtonEntry(int Pin, PullMode Pull, int DebounceMs);

/// <summary>A sensor that kicks the neuron as <c>sensor:&lt;name&gt;</c>.</summary>
/// <param name="Name">The sensor's name (an id).</param>
/// <param name="Type">The kind of sensor; <c>digital</c> (an edge kicks, e.g. a PIR motion sensor).</param>
/// <param name="Pin">BCM GPIO line number.</param>
/// <param name="Pull">Pull resistor.</param>
/// <param name="Edge">Which edge kicks.</param>
/// <param name="DebounceMs">Edges within this time after a change are ignored.</param>
public sealed record SensorEntry(string Name, string Type, int Pin, PullMode Pull, EdgeKind Edge, int DebounceMs);
