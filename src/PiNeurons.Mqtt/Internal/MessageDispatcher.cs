using Microsoft.Extensions.Logging;
using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Hands each received message to the connection's handler, on MQTTnet's receive loop. A handler that throws
/// is logged and the loop goes on: one bad message must not tear down the connection.
/// </summary>
internal sealed class MessageDispatcher(MqttConnectionHandlers handlers, ILogger logger, CancellationToken lifetime)
{
    private readonly Func<MqttApplicationMessage, CancellationToken, ValueTask>? _message = handlers.MessageReceived;
    private readonly Func<MqttApplicationMessageReceivedEventArgs, CancellationToken, ValueTask>? _delivery = handlers.DeliveryReceived;

    /// <summary>MQTTnet's <c>ApplicationMessageReceivedAsync</c> handler.</summary>
    public Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            if (_delivery is not null)
            {
                e.AutoAcknowledge = false;
                return Invoke(_delivery(e, lifetime), e.ApplicationMessage.Topic);
            }

            return _message is null ? Task.CompletedTask : Invoke(_message(e.ApplicationMessage, lifetime), e.ApplicationMessage.Topic);
        }
#pragma warning disable CA1031 // a faulty handler must not tear down the MQTT receive loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.MessageHandlerFailed(ex, e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        }
    }

    // The common case completes synchronously: no Task allocated on the hot path.
    private Task Invoke(ValueTask pending, string topic) =>
        pending.IsCompletedSuccessfully ? Task.CompletedTask : AwaitHandlerAsync(pending, topic);

    private async Task AwaitHandlerAsync(ValueTask pending, string topic)
    {
        try
        {
            await pending;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a faulty handler must not tear down the MQTT receive loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.MessageHandlerFailed(ex, topic);
        }
    }
}
