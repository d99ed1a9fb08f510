namespace PiNeurons.Hardware.Boards;

/// <summary>Everything physical of one neuron; each part is optional.</summary>
/// <param name="Led">The fire LED, or null for none.</param>
/// <param name="Button">The kick button, or null for none.</param>
/// <param name="Sensors">Digital sensor lines that kick the neuron; may be empty.</param>
public sealed record BoardSpec(LedSpec? Led, ButtonSpec? Button, IReadOnlyList<DigitalSensorSpec> Sensors)
{
    /// <summary>A board with no hardware at all: a neuron that lives only on MQTT.</summary>
    public static BoardSpec Empty { get; } = new(null, null, []);

    /// <summary>The LED that shows the potential as brightness, or null for none.</summary>
    public PotentialLedSpec? PotentialLed { get; init; }

    /// <summary>The LED that shows the connection state, or null for none.</summary>
    public StatusLedSpec? StatusLed { get; init; }
}
