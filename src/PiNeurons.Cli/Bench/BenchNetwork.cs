using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// Neurons hosted in this process exactly as a node hosts them (one MQTT connection and one loop each),
/// on the embedded broker or an external one, for the benchmarks.
/// </summary>
internal sealed class BenchNetwork : IAsyncDisposable
{
    private readonly EmbeddedBroker? _broker;
    private readonly IHost _host;
    private readonly string _stateDir;

    private BenchNetwork(EmbeddedBroker? broker, IHost host, string stateDir, BrokerAddress address)
    {
        _broker = broker;
        _host = host;
        _stateDir = stateDir;
        Address = address;
    }

    public BrokerAddress Address { get; }

    public static async Task<BenchNetwork> StartAsync(BrokerAddress? external, string root, IReadOnlyList<NeuronEntry> neurons, CancellationToken ct)
    {
        var broker = external is null ? await EmbeddedBroker.StartAsync(0, null, ct) : null;
        var address = external ?? broker!.Address;
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-").FullName;
        var plan = new NodePlan(address, root, stateDir, [new PlannedHost("bench", GpioDriverKind.Simulated, 0, neurons)]);
        var host = NodeHost.Build(plan, LogLevel.Warning);
        await host.StartAsync(ct);
        return new BenchNetwork(broker, host, stateDir, address);
    }

    public Task<IReadOnlyList<NeuronRuntime>> RuntimesAsync(CancellationToken ct) =>
        _host.Services.GetRequiredService<NodeService>().RuntimesAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_stateDir, recursive: true);
    }
}
