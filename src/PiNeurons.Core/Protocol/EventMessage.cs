using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Protocol;

/// <summary>One message on <c>&lt;root&gt;/&lt;id&gt;/events</c>.</summary>
public sealed record EventMessage
{
    /// <summary>The neuron's id.</summary>
    public required string Id { get; init; }

    /// <summary>Increases by one per event of this neuron, so a consumer sees a gap.</summary>
    public required long Seq { get; init; }

    /// <summary><c>kicked</c>, <c>fired</c>, <c>refractory</c>, <c>config</c>, <c>button</c>, <c>sensor</c>, <c>error</c>, <c>learned</c> or <c>decided</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The source involved, if any.</summary>
    public string? From { get; init; }

    /// <summary>When it happened (UTC, milliseconds).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Cascade depth of the kick received, or of the kicks a firing sends.</summary>
    public int? Hop { get; init; }

    /// <summary>Why: set on <c>error</c>, on suppressed firings and on threshold crossings.</summary>
    public string? Reason { get; init; }

    /// <summary><c>unsynchronized</c> while the neuron's clock reads before its build day (a Pi without a
    /// real-time clock before NTP): <see cref="At"/> is then not a time. Absent otherwise.</summary>
    public string? Clock { get; init; }

    /// <summary>On a <c>button</c> event once the click type is known: <c>single</c>, <c>double</c> or <c>long</c>.</summary>
    public string? Click { get; init; }

    /// <summary>On <c>learned</c>: the rule, <c>perceptron</c> or <c>stdp</c>.</summary>
    public string? Rule { get; init; }

    /// <summary>On <c>learned</c>: <c>weight</c> (of the input named by <see cref="From"/>) or <c>threshold</c>.</summary>
    public string? Field { get; init; }

    /// <summary>On <c>learned</c>: the value before.</summary>
    public double? Old { get; init; }

    /// <summary>On <c>learned</c>: the value after.</summary>
    public double? New { get; init; }

    /// <summary>The wire name of an event type.</summary>
    public static string WireName(NeuronEventType type) => type switch
    {
        NeuronEventType.Kicked => "kicked",
        NeuronEventType.Fired => "fired",
        NeuronEventType.Refractory => "refractory",
        NeuronEventType.Config => "config",
        NeuronEventType.Button => "button",
        NeuronEventType.Sensor => "sensor",
        NeuronEventType.Error => "error",
        NeuronEventType.Learned => "learned",
        NeuronEventType.Decided => "decided",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Builds the wire message for <paramref name="e"/>.</summary>
    public static EventMessage Create(string id, long seq, in NeuronEvent e) => new()
    {
        Id = id,
        Seq = seq,
        Type = WireName(e.Type),
        From = e.From,
        At = e.At,
        Hop = e.Hop,
        Reason = e.Reason,
        Click = e.Click,
        Rule = e.Change is { } c ? LearningConfig.WireName(c.Rule) : null,
        Field = e.Change is { } f ? (f.Input is null ? "threshold" : "weight") : null,
        Old = e.Change?.Old,
        New = e.Change?.New,
    };
}
