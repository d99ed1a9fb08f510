namespace PiNeurons.Core.Protocol;

/// <summary>The topics of one neuron, formatted once.</summary>
public sealed class NeuronTopics
{
    internal NeuronTopics(string root, string id)
    {
        Id = id;
        var prefix = root + "/" + id + "/";
        Kick = prefix + "kick";
        Fire = prefix + "fire";
        Query = prefix + "query";
        Set = prefix + "set";
        Teach = prefix + "teach";
        Status = prefix + "status";
        State = prefix + "state";
        Events = prefix + "events";
        _sensorPrefix = prefix + "sensors/";
        Commands = [Kick, Fire, Query, Set, Teach];
    }

    private readonly string _sensorPrefix;

    /// <summary>The neuron id.</summary>
    public string Id { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/kick</c></summary>
    public string Kick { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/fire</c></summary>
    public string Fire { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/query</c></summary>
    public string Query { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/set</c></summary>
    public string Set { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/teach</c></summary>
    public string Teach { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/status</c> (retained <c>online</c>/<c>offline</c>)</summary>
    public string Status { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/state</c> (retained JSON state)</summary>
    public string State { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/events</c></summary>
    public string Events { get; }

    /// <summary><c>&lt;root&gt;/&lt;id&gt;/sensors/&lt;name&gt;</c> (retained latest reading)</summary>
    public string Sensor(string name) => _sensorPrefix + name;

    /// <summary>The command topics the neuron subscribes to.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>Which command <paramref name="topic"/> is, by reference first (MQTTnet hands back the
    /// subscribed string rarely, so fall back to ordinal comparison).</summary>
    public bool TryGetCommand(string topic, out NeuronCommand command)
    {
        if (string.Equals(topic, Kick, StringComparison.Ordinal)) { command = NeuronCommand.Kick; return true; }
        if (string.Equals(topic, Fire, StringComparison.Ordinal)) { command = NeuronCommand.Fire; return true; }
        if (string.Equals(topic, Query, StringComparison.Ordinal)) { command = NeuronCommand.Query; return true; }
        if (string.Equals(topic, Set, StringComparison.Ordinal)) { command = NeuronCommand.Set; return true; }
        if (string.Equals(topic, Teach, StringComparison.Ordinal)) { command = NeuronCommand.Teach; return true; }
        command = default;
        return false;
    }
}
