using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// A manifest's neurons on simulated boards and the real aggregator, on one real broker under a root of their own,
/// with their database and state in a temp folder that goes with them: what the page's end-to-end tests look at.
/// </summary>
internal sealed class LiveNetwork : IAsyncDisposable
{
    private readonly string _dir;
    private readonly IHost _neurons;

    private LiveNetwork(string dir, RunningAggregator aggregator, IHost neurons)
    {
        _dir = dir;
        Aggregator = aggregator;
        _neurons = neurons;
    }

    /// <summary>The aggregator; its page is at its address.</summary>
    public RunningAggregator Aggregator { get; }

    /// <summary>Starts the aggregator, then every neuron of <paramref name="manifest"/> (a file path) under a root named
    /// after <paramref name="name"/>.</summary>
    public static async Task<LiveNetwork> StartAsync(MosquittoBroker broker, string manifest, string name, CancellationToken ct)
    {
        var root = $"{name}-{Guid.NewGuid():N}";
        var dir = Directory.CreateTempSubdirectory($"pineurons-{name}-").FullName;
        RunningAggregator? aggregator = null;
        try
        {
            aggregator = await AggregatorApp.StartAsync(
                ["--broker", broker.Url, "--urls", "http://127.0.0.1:0", "--db", Path.Combine(dir, "events.db"), "--root", root], null, ct);
            var plan = NodePlanner.Create(
                new NodeOptions { Manifest = manifest, Node = "all", Gpio = "simulated", Broker = broker.Url, Root = root, StateDir = Path.Combine(dir, "state") },
                hostname: name,
                stateDirectoryEnv: null);
            var neurons = NodeHost.Build(plan, LogLevel.Warning);
            await neurons.StartAsync(ct);
            return new LiveNetwork(dir, aggregator, neurons);
        }
        catch
        {
            if (aggregator is not null)
            {
                await aggregator.DisposeAsync();
            }

            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _neurons.StopAsync(CancellationToken.None);
        _neurons.Dispose();
        await Aggregator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
