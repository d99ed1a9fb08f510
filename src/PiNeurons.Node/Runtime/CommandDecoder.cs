using System.Buffers;
using System.Globalization;
using MQTTnet;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// Turns a command message (docs/protocol.md) into work for the neuron; bad input becomes an <c>error</c> to
/// report, never an exception. Knows no neuron, clock or connection: only a cache of source names, so that a
/// kick from a known source allocates no string. Called on the MQTT receive path, outside the neuron's lock,
/// one message at a time (MQTTnet's receive loop), which the cache relies on.
/// </summary>
internal sealed class CommandDecoder
{
    private readonly SourceNameCache _sources = new();

    /// <summary>The work <paramref name="message"/> on <paramref name="command"/>'s topic asks for.</summary>
    public NeuronWork Decode(NeuronCommand command, MqttApplicationMessage message)
    {
        var payload = message.Payload;
        var name = CommandName(command);
        if (payload.Length > ProtocolLimits.MaxPayloadBytes)
        {
            return Error($"{name}: payload of {payload.Length} bytes exceeds the {ProtocolLimits.MaxPayloadBytes / 1024} KiB limit");
        }

        if (!TryReadHop(message, out var propertyHop))
        {
            return Error($"{name}: user property hop must be a whole number >= 0");
        }

        switch (command)
        {
            case NeuronCommand.Kick:
                var ok = payload.IsSingleSegment
                    ? KickParser.TryParse(payload.FirstSpan, _sources, out var kick, out var error)
                    : KickParser.TryParse(payload.ToArray(), _sources, out kick, out error);
                // The deeper of the two hops counts: a client may send it either way.
                return ok
                    ? new NeuronWork(WorkKind.Kick, kick.From, Math.Max(propertyHop, kick.Hop ?? 0))
                    : Error(error!);
            case NeuronCommand.Fire:
                return new NeuronWork(WorkKind.Fire, Hop: propertyHop, ResponseTopic: message.ResponseTopic, CorrelationData: message.CorrelationData);
            case NeuronCommand.Teach:
                return TeachRequest.TryParse(payload.ToArray(), out var teach, out var teachError)
                    ? new NeuronWork(WorkKind.Teach, Value: teach.Target, ResponseTopic: message.ResponseTopic, CorrelationData: message.CorrelationData)
                    : Error(teachError!);
            default:
                return new NeuronWork(
                    command == NeuronCommand.Query ? WorkKind.Query : WorkKind.Set,
                    Payload: payload.ToArray(),
                    ResponseTopic: message.ResponseTopic,
                    CorrelationData: message.CorrelationData);
        }
    }

    /// <summary>The MQTT 5 user property <c>hop</c>: 0 when absent; false when it is not a whole number &gt;= 0.</summary>
    public static bool TryReadHop(MqttApplicationMessage message, out int hop)
    {
        hop = 0;
        var text = message.GetUserProperty(ProtocolLimits.HopProperty);
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out hop) && hop >= 0);
    }

    // Who sent bad input is unknown, so the error event carries no `from`; the reason names the command.
    private static NeuronWork Error(string reason) => new(WorkKind.Error, Reason: reason);

    private static string CommandName(NeuronCommand command) => command switch
    {
        NeuronCommand.Kick => "kick",
        NeuronCommand.Fire => "fire",
        NeuronCommand.Query => "query",
        NeuronCommand.Teach => "teach",
        _ => "set",
    };
}
