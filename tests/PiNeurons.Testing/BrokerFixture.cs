using Xunit;

namespace PiNeurons.Testing;

/// <summary>One real Mosquitto per test class; tests isolate themselves by a topic root of their own.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    /// <summary>The running broker.</summary>
    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("the broker is not started");

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
