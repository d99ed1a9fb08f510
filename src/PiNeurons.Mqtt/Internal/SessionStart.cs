using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// One connect, up to the point where the connection may be called ready: CONNECT and its CONNACK (a refusal
/// that retrying cannot fix is fatal), the subscriptions, then the owner's Connected callback.
/// </summary>
internal sealed class SessionStart(
    IMqttClient client,
    Func<BrokerAddress, MqttClientOptions> clientOptions,
    MqttConnectionOptions options,
    Func<CancellationToken, Task>? connected,
    ILogger logger)
{
    private const string SharePrefix = "$share/";

    /// <summary>
    /// Opens a session with <paramref name="broker"/>. <paramref name="lost"/> completes when this attempt's
    /// connection ends; MQTTnet reports a refused CONNACK there too. <paramref name="opened"/> hears the session
    /// once the CONNACK is in, before the subscriptions and the Connected callback.
    /// </summary>
    /// <exception cref="MqttConnectionFatalException">The broker refused this client for good.</exception>
    public async Task OpenAsync(
        BrokerAddress broker, Task<MqttClientDisconnectedEventArgs> lost, Action<BrokerSession> opened, CancellationToken ct)
    {
        MqttClientConnectResult result;
        try
        {
            result = await client.ConnectAsync(clientOptions(broker), ct);
        }
        catch (MqttConnectingFailedException ex)
        {
            // A refused CONNACK surfaces as this exception; the result code travels in the Disconnected args.
            if (lost.IsCompletedSuccessfully && lost.Result.ConnectResult is { } refused)
            {
                ThrowIfFatal(refused.ResultCode, broker, ex);
            }

            throw;
        }

        ThrowIfFatal(result.ResultCode, broker, null);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker answered {result.ResultCode} {result.ReasonString}");
        }

        var session = new BrokerSession(broker, result.SharedSubscriptionAvailable);
        opened(session);
        await SubscribeAllAsync(session, ct);
        if (connected is not null)
        {
            await connected(ct);
        }

        if (lost.IsCompleted)
        {
            throw new InvalidOperationException("connection lost while subscribing or running the Connected callback");
        }
    }

    private async Task SubscribeAllAsync(BrokerSession session, CancellationToken ct)
    {
        if (options.Subscriptions.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in options.Subscriptions)
        {
            builder.WithTopicFilter(FilterFor(filter, session), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await client.SubscribeAsync(builder.Build(), ct);
        foreach (var item in result.Items)
        {
            if (item.ResultCode == MqttClientSubscribeResultCode.NotAuthorized)
            {
                throw new MqttConnectionFatalException(
                    $"broker {session.Address} refused client '{options.ClientId}' a subscription to '{item.TopicFilter.Topic}': not authorized; check the broker's access rules");
            }

            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException($"subscribing to '{item.TopicFilter.Topic}' failed: {item.ResultCode}");
            }
        }
    }

    // The filter to subscribe on this broker: a shared one loses its $share/GROUP/ prefix where the broker has none.
    private string FilterFor(string filter, BrokerSession session)
    {
        if (session.SharedSubscriptionAvailable || !filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            return filter;
        }

        var groupEnd = filter.IndexOf('/', SharePrefix.Length);
        var plain = groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
        logger.SharedSubscriptionUnavailable(session.Address, filter, plain);
        return plain;
    }

    private void ThrowIfFatal(MqttClientConnectResultCode code, BrokerAddress broker, Exception? cause)
    {
        if (ConnectRefusal.FatalMessage(code, broker, options.ClientId) is { } message)
        {
            throw new MqttConnectionFatalException(message, cause);
        }
    }
}
