using Microsoft.Extensions.DependencyInjection;
using PiNeurons.Aggregator.Tests.Api;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// The real aggregator on a real Mosquitto, listening on a loopback port a browser can reach (WebApplicationFactory's
/// test server cannot be), with a topic root and SQLite file of its own, and a publisher that speaks for its neurons.
/// </summary>
internal sealed class LiveAggregator : IAsyncDisposable
{
    private readonly RunningAggregator _aggregator;
    private readonly string _dir;

    private LiveAggregator(RunningAggregator aggregator, string dir, string root, ProtocolPublisher neurons)
    {
        _aggregator = aggregator;
        _dir = dir;
        Root = root;
        Neurons = neurons;
    }

    /// <summary>The page's address.</summary>
    public Uri Address => _aggregator.Address;

    /// <summary>The topic root its neurons use.</summary>
    public string Root { get; }

    /// <summary>Publishes as the neurons would: events, retained status and state.</summary>
    public ProtocolPublisher Neurons { get; }

    /// <summary>Starts it; <paramref name="time"/> replaces its clock, for a test that lets seconds pass at once.</summary>
    public static async Task<LiveAggregator> StartAsync(MosquittoBroker broker, TimeProvider? time = null)
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-live-page-").FullName;
        var root = $"live-page-{Guid.NewGuid():N}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var aggregator = await AggregatorApp.StartAsync(
            ["--broker", broker.Url, "--urls", "http://127.0.0.1:0", "--db", Path.Combine(dir, "events.db"), "--root", root],
            time is null ? null : builder => builder.Services.AddSingleton(time),
            timeout.Token);
        return new LiveAggregator(aggregator, dir, root, new ProtocolPublisher(await MqttProbe.ConnectAsync(broker.Url), root));
    }

    public async ValueTask DisposeAsync()
    {
        await Neurons.Probe.DisposeAsync();
        await _aggregator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
