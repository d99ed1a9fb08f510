using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiNeurons.Node.Tests.Support;

/// <summary>
/// Counts one neuron's events by type without keeping them (MqttProbe keeps every message, too much for
/// tens of thousands), and lets a test await a count.
/// </summary>
public sealed class EventCounter : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _samples = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private EventCounter(IMqttClient client) => _client = client;

    /// <summary>Subscribes (QoS 1) to <paramref name="eventsTopic"/>.</summary>
    public static async Task<EventCounter> StartAsync(string brokerUrl, string eventsTopic)
    {
        var uri = new Uri(brokerUrl);
        var client = new MqttClientFactory().CreateMqttClient();
        var counter = new EventCounter(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            counter.OnEvent(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(uri.Host, uri.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(eventsTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return counter;
    }

    /// <summary>Events of <paramref name="type"/> so far.</summary>
    public long Count(string type) => _counts.TryGetValue(type, out var n) ? n : 0;

    /// <summary>Counts by type, for failure messages.</summary>
    public string Describe() =>
        string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"))
        + "; first events other than error: " + string.Join(" | ", _samples);

    /// <summary>Waits until <see cref="Count"/> of <paramref name="type"/> reaches <paramref name="count"/>.</summary>
    /// <exception cref="TimeoutException">Nothing new arrived for <paramref name="idle"/> before the count was reached.</exception>
    public async Task WaitForCountAsync(string type, long count, TimeSpan idle)
    {
        while (Count(type) < count)
        {
            if (!await _arrived.WaitAsync(idle))
            {
                throw new TimeoutException($"{Count(type)} of {count} {type} events, then nothing for {idle.TotalSeconds:0.#} s; {Describe()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync(new MqttClientDisconnectOptions());
        _client.Dispose();
        _arrived.Dispose();
    }

    private void OnEvent(MqttApplicationMessage message)
    {
        using var doc = JsonDocument.Parse(message.Payload);
        var type = doc.RootElement.GetProperty("type").GetString() ?? "(null)";
        _counts.AddOrUpdate(type, 1, (_, n) => n + 1);
        if (type != "error" && _samples.Count < 5)
        {
            _samples.Enqueue(doc.RootElement.GetRawText());
        }

        _arrived.Release();
    }
}
