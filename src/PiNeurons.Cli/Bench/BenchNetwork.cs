using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Cli.Infrastructure;
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

    private BenchNetwork(EmbeddedBroker? broker, IHost host, string stateDir, BrokerTarget target)
    {
        _broker = broker;
        _host = host;
        _stateDir = stateDir;
        Target = target;
    }

    /// <summary>The broker the neurons use, and their login there (none on the embedded broker).</summary>
    public BrokerTarget Target { get; }

    public BrokerAddress Address => Target.Address;

    public static async Task<BenchNetwork> StartAsync(BrokerTarget? external, string root, IReadOnlyList<NeuronEntry> neurons, CancellationToken ct)
    {
        var broker = external is null ? await EmbeddedBroker.StartAsync(0, null, ct) : null;
        var target = external ?? new BrokerTarget(broker!.Address, null);
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-").FullName;
        var plan = new NodePlan(target.Address, root, stateDir, [new PlannedHost("bench", GpioDriverKind.Simulated, 0, neurons)])
        {
            Credentials = target.Login?.ForNode(),
            Tls = target.Tls,
        };
        var host = NodeHost.Build(plan, LogLevel.Warning);
        await host.StartAsync(ct);
        return new BenchNetwork(broker, host, stateDir, target);
    }

    public Task<IReadOnlyList<IHostedNeuron>> NeuronsAsync(CancellationToken ct) =>
        _host.Services.GetRequiredService<IHostedNeurons>().WhenCreatedAsync(ct);

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
