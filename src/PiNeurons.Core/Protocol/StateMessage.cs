using System.Text.Json.Serialization;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Protocol;

/// <summary>The retained JSON state on <c>&lt;root&gt;/&lt;id&gt;/state</c>, and the reply to <c>query</c>.</summary>
public sealed record StateMessage
{
    /// <summary>The neuron's id.</summary>
    public required string Id { get; init; }

    /// <summary>1 within the refractory period after firing, else 0.</summary>
    public required int Output { get; init; }

    /// <summary>Σ over live inputs of value × weight.</summary>
    public required double Potential { get; init; }

    /// <summary>Firings since the neuron was created.</summary>
    public required long FiredCount { get; init; }

    /// <summary>The last firing, or null if it never fired.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? LastFiredAt { get; init; }

    /// <summary>The configuration in force.</summary>
    public required NeuronConfig Config { get; init; }

    /// <summary>The node software hosting the neuron, <c>0.1.0+&lt;commit&gt;</c> (a SemVer version with the commit as
    /// build metadata); absent from nodes older than the field.</summary>
    public string? Version { get; init; }

    /// <summary>How often, in seconds, the neuron republishes its status and state (docs/protocol.md section 9,
    /// "Heartbeat"): a consumer that hears nothing from it for three intervals treats it as offline. Absent from nodes
    /// older than the heartbeat, which republish nothing on their own.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary><c>unsynchronized</c> while the neuron's clock reads before its build day; absent otherwise.</summary>
    public string? Clock { get; init; }

    /// <summary>The latest reading of each sensor that has one, by sensor name; absent without sensors.</summary>
    public IReadOnlyDictionary<string, SensorMessage>? Sensors { get; init; }

    /// <summary>Recent events, oldest first, when the query asked for <c>"include":["log"]</c>.</summary>
    public IReadOnlyList<EventMessage>? Log { get; init; }
}
