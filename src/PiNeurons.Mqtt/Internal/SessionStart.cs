using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// One connect, up to the point where the connection may be called ready: CONNECT and its CONNACK (a refusal
/// that retrying cannot fix is fatal), the subscriptions, then the owner's Connected callback.
/// </summary>
internal sealed class SessionStart(
    IMqttClient client, MqttClientOptions clientOptions, MqttConnectionOptions options, Func<CancellationToken, Task>? connected)
{
    /// <summary>
    /// Opens the session. <paramref name="lost"/> completes when this attempt's connection ends; MQTTnet reports
    /// a refused CONNACK there too.
    /// </summary>
    /// <exception cref="MqttConnectionFatalException">The broker refused this client for good.</exception>
    public async Task OpenAsync(Task<MqttClientDisconnectedEventArgs> lost, CancellationToken ct)
    {
        MqttClientConnectResult result;
        try
        {
            result = await client.ConnectAsync(clientOptions, ct);
        }
        catch (MqttConnectingFailedException ex)
        {
            // A refused CONNACK surfaces as this exception; the result code travels in the Disconnected args.
            if (lost.IsCompletedSuccessfully && lost.Result.ConnectResult is { } refused)
            {
                ThrowIfFatal(refused.ResultCode, ex);
            }

            throw;
        }

        ThrowIfFatal(result.ResultCode, null);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker answered {result.ResultCode} {result.ReasonString}");
        }

        await SubscribeAllAsync(ct);
        if (connected is not null)
        {
            await connected(ct);
        }

        if (lost.IsCompleted)
        {
            throw new InvalidOperationException("connection lost while subscribing or running the Connected callback");
        }
    }

    private async Task SubscribeAllAsync(CancellationToken ct)
    {
        if (options.Subscriptions.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in options.Subscriptions)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await client.SubscribeAsync(builder.Build(), ct);
        foreach (var item in result.Items)
        {
            if (item.ResultCode == MqttClientSubscribeResultCode.NotAuthorized)
            {
                throw new MqttConnectionFatalException(
                    $"broker {options.Broker} refused client '{options.ClientId}' a subscription to '{item.TopicFilter.Topic}': not authorized; check the broker's access rules");
            }

            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException($"subscribing to '{item.TopicFilter.Topic}' failed: {item.ResultCode}");
            }
        }
    }

    private void ThrowIfFatal(MqttClientConnectResultCode code, Exception? cause)
    {
        if (ConnectRefusal.FatalMessage(code, options.Broker, options.ClientId) is { } message)
        {
            throw new MqttConnectionFatalException(message, cause);
        }
    }
}
