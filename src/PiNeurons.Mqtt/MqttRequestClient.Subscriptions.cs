using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace PiNeurons.Mqtt;

/// <summary>Streaming subscriptions: each call gets its own channel of matching messages.</summary>
public sealed partial class MqttRequestClient
{
    private readonly Lock _subscriptionsGate = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>
    /// Subscribes to <paramref name="filters"/> at QoS 1 and yields every matching message until
    /// <paramref name="ct"/> is cancelled; then unsubscribes the filters no other stream uses.
    /// </summary>
    public async IAsyncEnumerable<MqttApplicationMessage> SubscribeAsync(
        IEnumerable<string> filters, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscription = new Subscription([.. filters], Channel.CreateUnbounded<MqttApplicationMessage>(new() { SingleReader = true }));
        if (subscription.Filters.Length == 0)
        {
            throw new ArgumentException("at least one topic filter is needed", nameof(filters));
        }

        lock (_subscriptionsGate)
        {
            _subscriptions.Add(subscription);
        }

        try
        {
            var builder = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in subscription.Filters)
            {
                builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await Client.SubscribeAsync(builder.Build(), ct);
            await foreach (var message in subscription.Messages.Reader.ReadAllAsync(ct))
            {
                yield return message;
            }
        }
        finally
        {
            await RemoveAsync(subscription);
        }
    }

    private void Dispatch(MqttApplicationMessage message)
    {
        lock (_subscriptionsGate)
        {
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Matches(message.Topic))
                {
                    subscription.Messages.Writer.TryWrite(message);
                }
            }
        }
    }

    private async Task RemoveAsync(Subscription subscription)
    {
        string[] unused;
        lock (_subscriptionsGate)
        {
            _subscriptions.Remove(subscription);
            unused = [.. subscription.Filters.Where(f => !_subscriptions.Any(s => s.Filters.Contains(f)))];
        }

        if (unused.Length == 0 || !Client.IsConnected)
        {
            return;
        }

        var builder = new MqttClientUnsubscribeOptionsBuilder();
        foreach (var filter in unused)
        {
            builder.WithTopicFilter(filter);
        }

        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await Client.UnsubscribeAsync(builder.Build(), bounded.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Best effort: the stream is over either way.
        }
    }

    private sealed record Subscription(string[] Filters, Channel<MqttApplicationMessage> Messages)
    {
        public bool Matches(string topic) =>
            Filters.Any(f => MqttTopicFilterComparer.Compare(topic, f) == MqttTopicFilterCompareResult.IsMatch);
    }
}
