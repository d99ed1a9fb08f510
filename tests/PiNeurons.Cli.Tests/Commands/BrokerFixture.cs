using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>One real Mosquitto per test class.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("broker not started");

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
