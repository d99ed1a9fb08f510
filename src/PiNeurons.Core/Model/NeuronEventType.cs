namespace PiNeurons.Core.Model;

/// <summary>The event types of docs/protocol.md.</summary>
public enum NeuronEventType
{
    /// <summary>A kick was received (one per kick, with its source).</summary>
    Kicked,

    /// <summary>The neuron fired.</summary>
    Fired,

    /// <summary>A kick arrived within the refractory period, or a firing was suppressed by the cap.</summary>
    Refractory,

    /// <summary>A <c>set</c> was applied and persisted.</summary>
    Config,

    /// <summary>The push button reported a click.</summary>
    Button,

    /// <summary>A sensor reported a reading.</summary>
    Sensor,

    /// <summary>Bad input or a dropped kick; carries a reason.</summary>
    Error,

    /// <summary>A learning rule changed a weight or the threshold (saved before the event goes out).</summary>
    Learned,

    /// <summary>A perceptron neuron decided not to fire: the decision a <c>teach</c> may follow, made visible.</summary>
    Decided,
}
