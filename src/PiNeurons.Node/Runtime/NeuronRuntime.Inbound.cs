using MQTTnet;

namespace PiNeurons.Node.Runtime;

/// <summary>The MQTT side in: command messages are parsed (outside the lock) into work for the model.</summary>
internal sealed partial class NeuronRuntime
{
    private ValueTask OnMessageAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (_topics.TryGetCommand(message.Topic, out var command))
        {
            Process(_decoder.Decode(command, message));
        }

        return ValueTask.CompletedTask;
    }

    private async Task OnConnectedAsync(CancellationToken ct)
    {
        await _publisher.OnlineAsync(ct);
        // The state is built on the loop thread, which owns the model.
        Interlocked.Exchange(ref _republishRequested, 1);
        Wake();
        Log.Online(_logger, Id);
    }
}
