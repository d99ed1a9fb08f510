namespace PiNeurons.Core.Protocol;

/// <summary>The command topics a neuron subscribes to (docs/protocol.md, "Commands").</summary>
public enum NeuronCommand
{
    /// <summary><c>&lt;root&gt;/&lt;id&gt;/kick</c></summary>
    Kick,

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/fire</c></summary>
    Fire,

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/query</c></summary>
    Query,

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/set</c></summary>
    Set,

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/teach</c></summary>
    Teach,
}
