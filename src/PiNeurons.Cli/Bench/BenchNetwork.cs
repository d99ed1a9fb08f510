using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// Neurons for the benchmarks, on the embedded broker or an external one: hosted in this process exactly as a
/// node hosts them (one MQTT connection and one loop each), or by a node binary run as its own process, so the
/// build a Pi runs (NativeAOT) can be measured as it is.
/// </summary>
internal sealed class BenchNetwork : IAsyncDisposable
{
    private const string HostName = "bench";

    private readonly EmbeddedBroker? _broker;
    private readonly IHost? _host;
    private readonly BenchNodeProcess? _process;
    private readonly string _stateDir;

    private BenchNetwork(EmbeddedBroker? broker, IHost? host, BenchNodeProcess? process, string stateDir, BrokerTarget target)
    {
        _broker = broker;
        _host = host;
        _process = process;
        _stateDir = stateDir;
        Target = target;
    }

    /// <summary>The broker the neurons use, and their login there (none on the embedded broker).</summary>
    public BrokerTarget Target { get; }

    public BrokerAddress Address => Target.Address.First;

    /// <exception cref="BrokerUnreachableException">The external broker does not answer or refuses the login.</exception>
    public static async Task<BenchNetwork> StartAsync(
        BrokerTarget? external, string root, IReadOnlyList<NeuronEntry> neurons, TimeProvider time, CancellationToken ct)
    {
        await ProbeAsync(external, root, time, ct);
        var broker = external is null ? await EmbeddedBroker.StartAsync(0, null, ct) : null;
        var target = external ?? new BrokerTarget(broker!.Address, null);
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-").FullName;
        var plan = new NodePlan(target.Address, root, stateDir, [new PlannedHost(HostName, GpioDriverKind.Simulated, 0, neurons)])
        {
            Credentials = target.Login?.ForNode(),
            Tls = target.Tls,
        };
        var host = NodeHost.Build(plan, LogLevel.Warning);
        await host.StartAsync(ct);
        return new BenchNetwork(broker, host, null, stateDir, target);
    }

    /// <summary>
    /// Starts <paramref name="node"/> as its own process hosting <paramref name="neurons"/> on simulated boards
    /// (a manifest written for it), and returns once they are all online.
    /// </summary>
    /// <exception cref="NodeStartFailedException">The node exited before its neurons came online.</exception>
    /// <exception cref="BrokerUnreachableException">The external broker does not answer or refuses the login.</exception>
    public static async Task<BenchNetwork> StartProcessAsync(
        string node, BrokerTarget? external, string root, IReadOnlyList<NeuronEntry> neurons, TimeProvider time, CancellationToken ct)
    {
        await ProbeAsync(external, root, time, ct);
        var broker = external is null ? await EmbeddedBroker.StartAsync(0, null, ct) : null;
        var target = external ?? new BrokerTarget(broker!.Address, null);
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-").FullName;
        var manifest = Path.Combine(stateDir, "bench.yaml");
        await File.WriteAllTextAsync(manifest, Manifest(root, neurons), ct);
        BenchNodeProcess? process = null;
        try
        {
            process = BenchNodeProcess.Start(node,
                ["--manifest", manifest, "--node", HostName, "--gpio", "simulated", "--broker", target.Address.ToString(), "--state-dir", stateDir]);
            var scheme = new TopicScheme(root);
            await using var observer = await target.ConnectAsync(root, TimeSpan.FromSeconds(5), time, ct);
            await observer.SubscribeAsync([scheme.AllStatus], ct);
            await process.WaitOnlineAsync(observer, scheme, [.. neurons.Select(n => n.Id)], ct);
            return new BenchNetwork(broker, null, process, stateDir, target);
        }
        catch
        {
            process?.Dispose();
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            Directory.Delete(stateDir, recursive: true);
            throw;
        }
    }

    // An unreachable broker is said at once: the neurons would otherwise keep retrying it for the host's whole
    // start-up wait before the bench's own client found out.
    private static async Task ProbeAsync(BrokerTarget? external, string root, TimeProvider time, CancellationToken ct)
    {
        if (external is not null)
        {
            await using var probe = await external.ConnectAsync(root, TimeSpan.FromSeconds(5), time, ct);
        }
    }

    /// <summary>The neurons hosted in this process (not with <see cref="StartProcessAsync"/>).</summary>
    public Task<IReadOnlyList<IHostedNeuron>> NeuronsAsync(CancellationToken ct) =>
        (_host ?? throw new InvalidOperationException("the neurons run in a node process"))
            .Services.GetRequiredService<IHostedNeurons>().WhenCreatedAsync(ct);

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_stateDir, recursive: true);
    }

    // Each neuron's config as its JSON form, which YAML reads as a flow mapping: the manifest reader checks it
    // with the same rules as a set, so the node process gets exactly the configs the in-process bench uses.
    private static string Manifest(string root, IReadOnlyList<NeuronEntry> neurons)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"version: 1\nroot: {root}\nhosts:\n  {HostName}:\n    neurons:\n");
        foreach (var neuron in neurons)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {neuron.Id}: {JsonSerializer.Serialize(neuron.Config, ProtocolJsonContext.Wire.NeuronConfig)}\n");
        }

        return yaml.ToString();
    }
}
