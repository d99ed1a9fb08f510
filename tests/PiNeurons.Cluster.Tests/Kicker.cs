using MQTTnet.Exceptions;
using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>Publishes kicks as an MQTT tool would, reconnecting when the broker drops it (as ejabberd may drop a publisher
/// while it learns that a node died) and sending the kick again.</summary>
internal sealed class Kicker(Func<Task<MqttProbe>> connect) : IAsyncDisposable
{
    private const int Attempts = 3;
    private MqttProbe? _client;

    public int Reconnects { get; private set; }

    public async Task KickAsync(string topic)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _client ??= await connect();
                await _client.PublishAsync(topic, string.Empty);
                return;
            }
            catch (MqttCommunicationException) when (attempt < Attempts)
            {
                await DisposeAsync();
                Reconnects++;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }
    }
}
