using System.Buffers;
using System.Globalization;
using MQTTnet;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Node.Runtime;

/// <summary>The MQTT side in: command messages are parsed (outside the lock) into work for the model.</summary>
internal sealed partial class NeuronRuntime
{
    private ValueTask OnMessageAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (_topics.TryGetCommand(message.Topic, out var command))
        {
            Process(ToWork(command, message));
        }

        return ValueTask.CompletedTask;
    }

    private NeuronWork ToWork(NeuronCommand command, MqttApplicationMessage message)
    {
        var payload = message.Payload;
        var name = CommandName(command);
        if (payload.Length > ProtocolLimits.MaxPayloadBytes)
        {
            return Error(name, $"{name}: payload of {payload.Length} bytes exceeds the {ProtocolLimits.MaxPayloadBytes / 1024} KiB limit");
        }

        if (!TryReadHop(message, out var propertyHop))
        {
            return Error(name, $"{name}: user property hop must be a whole number >= 0");
        }

        switch (command)
        {
            case NeuronCommand.Kick:
                var ok = payload.IsSingleSegment
                    ? KickParser.TryParse(payload.FirstSpan, _sources, out var kick, out var error)
                    : KickParser.TryParse(payload.ToArray(), _sources, out kick, out error);
                return ok
                    ? new NeuronWork(WorkKind.Kick, kick.From, Math.Max(propertyHop, kick.Hop ?? 0))
                    : Error(name, error!);
            case NeuronCommand.Fire:
                return new NeuronWork(WorkKind.Fire, Hop: propertyHop);
            default:
                return new NeuronWork(
                    command == NeuronCommand.Query ? WorkKind.Query : WorkKind.Set,
                    Payload: payload.ToArray(),
                    ResponseTopic: message.ResponseTopic,
                    CorrelationData: message.CorrelationData);
        }
    }

    private static bool TryReadHop(MqttApplicationMessage message, out int hop)
    {
        hop = 0;
        var text = message.GetUserProperty(ProtocolLimits.HopProperty);
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out hop) && hop >= 0);
    }

    // Who sent bad input is unknown, so the error event carries no `from`; the reason names the command.
    private static NeuronWork Error(string command, string reason) => new(WorkKind.Error, Reason: reason);

    private static string CommandName(NeuronCommand command) => command switch
    {
        NeuronCommand.Kick => "kick",
        NeuronCommand.Fire => "fire",
        NeuronCommand.Query => "query",
        _ => "set",
    };

    private async Task OnConnectedAsync(CancellationToken ct)
    {
        await _connection.PublishAsync(Messages.Status(_topics.Status, StatusPayloads.Online), ct);
        // The state is built on the loop thread, which owns the model.
        Interlocked.Exchange(ref _republishRequested, 1);
        Wake();
        Log.Online(_logger, Id);
    }
}
