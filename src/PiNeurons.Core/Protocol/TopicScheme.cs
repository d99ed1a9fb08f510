namespace PiNeurons.Core.Protocol;

/// <summary>
/// The topics of docs/protocol.md under one root. Topic strings for a neuron are built once per neuron by
/// <see cref="NeuronTopics"/>, so the hot path never formats strings.
/// </summary>
public sealed class TopicScheme
{
    /// <summary>Creates the scheme for <paramref name="root"/> (default <c>pineurons</c>).</summary>
    public TopicScheme(string root = ProtocolLimits.DefaultRoot)
    {
        if (!IsValidRoot(root))
        {
            throw new ArgumentException(
                $"root: '{NeuronId.Describe(root)}' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/')", nameof(root));
        }

        Root = root;
    }

    /// <summary>The topic root.</summary>
    public string Root { get; }

    /// <summary>Topics of one neuron.</summary>
    public NeuronTopics For(string id) => new(Root, NeuronId.Require(id, nameof(id)));

    /// <summary>The MQTT client id of neuron <paramref name="id"/>'s connection: <c>&lt;root&gt;-&lt;id&gt;</c>, each '/' of the
    /// root made '-'. The root keeps two clusters' neurons of the same id apart on one broker; the broker's rules that
    /// <c>pineurons secrets</c> writes pin each neuron's login to this id, so the node and they must agree.</summary>
    public string ClientIdOf(string id) => $"{Root.Replace('/', '-')}-{NeuronId.Require(id, nameof(id))}";

    /// <summary>Every neuron's events: <c>&lt;root&gt;/+/events</c>.</summary>
    public string AllEvents => Root + "/+/events";

    /// <summary>Every neuron's status: <c>&lt;root&gt;/+/status</c>.</summary>
    public string AllStatus => Root + "/+/status";

    /// <summary>Every neuron's state: <c>&lt;root&gt;/+/state</c>.</summary>
    public string AllState => Root + "/+/state";

    /// <summary>Splits <c>&lt;root&gt;/&lt;id&gt;/&lt;leaf&gt;</c> into id and leaf; false for any other topic.</summary>
    public bool TrySplit(string topic, out string id, out string leaf)
    {
        id = leaf = string.Empty;
        if (topic is null || topic.Length <= Root.Length + 2 || !topic.StartsWith(Root, StringComparison.Ordinal) || topic[Root.Length] != '/')
        {
            return false;
        }

        var rest = topic.AsSpan(Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].IndexOf('/') >= 0)
        {
            return false;
        }

        id = rest[..slash].ToString();
        leaf = rest[(slash + 1)..].ToString();
        return NeuronId.IsValid(id);
    }

    /// <summary>True for a usable root: one or more segments of id characters separated by '/'.</summary>
    public static bool IsValidRoot(string? root) =>
        !string.IsNullOrEmpty(root) && root.Length <= 128 && root.Split('/').All(s => NeuronId.IsValid(s));
}
