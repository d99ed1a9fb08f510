using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>
/// What the broker retains about neurons: each one's last status and state, as a node left them. Read once, when a
/// command needs to know which neurons exist, not followed.
/// </summary>
internal sealed class NeuronDirectory
{
    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _state = new(StringComparer.Ordinal);

    private NeuronDirectory(bool complete) => Complete = complete;

    /// <summary>True when the broker confirmed that every retained message was delivered; false when it could not be asked.</summary>
    public bool Complete { get; }

    /// <summary>Every neuron with a retained status, sorted by id.</summary>
    public IReadOnlyList<string> Ids => [.. _status.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every neuron with a retained status or state, sorted by id: a neuron whose status was cleared (or, on a
    /// clustered broker, retained on another broker node) may still have left its state here.</summary>
    public IReadOnlyList<string> AllIds => [.. _status.Keys.Union(_state.Keys).Order(StringComparer.Ordinal)];

    /// <summary>Subscribes to <paramref name="filters"/> (status and state topics under <paramref name="topics"/>' root, with wildcards) and collects what is retained there.</summary>
    public static async Task<NeuronDirectory> ReadAsync(MqttRequestClient mqtt, TopicScheme topics, IReadOnlyList<string> filters, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(topics);
        await mqtt.SubscribeAsync(filters, ct);
        var directory = new NeuronDirectory(await mqtt.SyncAsync(timeout, ct));
        while (mqtt.Incoming.TryRead(out var received))
        {
            var message = received.Message;
            if (!message.Retain || !topics.TrySplit(message.Topic, out var id, out var leaf))
            {
                continue;
            }

            if (leaf == "status")
            {
                directory._status[id] = message.PayloadAsString();
            }
            else if (leaf == "state")
            {
                directory._state[id] = System.Buffers.BuffersExtensions.ToArray(message.Payload);
            }
        }

        return directory;
    }

    /// <summary>The retained status of <paramref name="id"/> (<c>online</c>, <c>offline</c>), or null when none is retained.</summary>
    public string? Status(string id) => _status.GetValueOrDefault(id);

    /// <summary>The retained state JSON of <paramref name="id"/>, or null.</summary>
    public byte[]? State(string id) => _state.GetValueOrDefault(id);
}
