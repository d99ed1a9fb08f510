using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// A real aggregator on the test's broker, healthy, with an HTTP client to its API and a publisher that speaks as its
/// neurons over MQTT: what the API tests that publish protocol messages and read them back share.
/// </summary>
internal sealed class ApiHarness : IAsyncDisposable
{
    private ApiHarness(AggregatorFactory factory, HttpClient http, ProtocolPublisher neurons)
    {
        Factory = factory;
        Http = http;
        Neurons = neurons;
    }

    /// <summary>The aggregator; its <see cref="AggregatorFactory.Root"/> is the topic root of this test alone.</summary>
    public AggregatorFactory Factory { get; }

    /// <summary>A client to its HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Publishes status, state and events as the neurons under the aggregator's root would.</summary>
    public ProtocolPublisher Neurons { get; }

    /// <summary>Starts the aggregator on <paramref name="broker"/> and waits until it reports healthy.</summary>
    public static async Task<ApiHarness> StartAsync(MosquittoBroker broker)
    {
        var factory = new AggregatorFactory(broker);
        var http = factory.CreateClient();
        await ApiTests.WaitHealthyAsync(factory, http);
        return new ApiHarness(factory, http, new ProtocolPublisher(await MqttProbe.ConnectAsync(broker.Url), factory.Root));
    }

    public async ValueTask DisposeAsync()
    {
        await Neurons.Probe.DisposeAsync();
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}
