using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Aggregator;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Demo;

/// <summary>
/// The demos' network, run for real: every neuron of the manifests on simulated boards, each with its own MQTT
/// connection through the broker, an observer subscribed to every status and event, and the aggregator with its
/// live page when asked for. Its state lives in a temp folder that goes with it.
/// </summary>
internal sealed class DemoNetwork : IAsyncDisposable
{
    // A row is settled when no event came for this long; it exceeds the manifests' integration window (150 ms)
    // so a decision still pending is waited for.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    // How long a row may take to reach the event it waits for, on a machine as busy as a CI runner.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly string _stateDir;
    private readonly IHost _host;
    private readonly TimeProvider _time;

    private DemoNetwork(
        string stateDir, IHost host, TimeProvider time, LedRecorder leds, MqttRequestClient observer, TopicScheme scheme, IReadOnlyList<string> neurons)
    {
        _stateDir = stateDir;
        _host = host;
        _time = time;
        Leds = leds;
        Observer = observer;
        Scheme = scheme;
        Neurons = neurons;
    }

    /// <summary>The fire LEDs of the simulated boards.</summary>
    public LedRecorder Leds { get; }

    /// <summary>A client subscribed to every neuron's status and events; also sends the demo's commands.</summary>
    public MqttRequestClient Observer { get; }

    /// <summary>The topics under the demo's root.</summary>
    public TopicScheme Scheme { get; }

    /// <summary>Every neuron, in the manifests' order.</summary>
    public IReadOnlyList<string> Neurons { get; }

    /// <summary>The aggregator, when the demo runs one.</summary>
    public RunningAggregator? Aggregator { get; private set; }

    /// <summary>Starts the neurons of <paramref name="manifests"/> and waits until every one is online; then the aggregator on
    /// <paramref name="httpPort"/> unless it is null. Says what it does on <paramref name="output"/>.</summary>
    public static async Task<DemoNetwork> StartAsync(
        BrokerTarget broker, string root, IReadOnlyList<ClusterManifest> manifests, int? httpPort, TextWriter output, TimeProvider time, CancellationToken ct)
    {
        var stateDir = Directory.CreateTempSubdirectory("pineurons-demo-").FullName;
        PlannedHost[] hosts = [.. manifests.SelectMany(m => m.Hosts).Select(h => new PlannedHost(h.Name, GpioDriverKind.Simulated, 0, h.Neurons))];
        var plan = new NodePlan(broker.Address, root, stateDir, hosts)
        {
            Credentials = broker.Login?.ForNode(),
            Tls = broker.Tls,
            // On by default in the demo, so a Home Assistant on the same broker shows the network.
            HomeAssistant = new HomeAssistantEntry(Discovery: true),
            DiscoverySensors = NodePlanner.DiscoverySensors(hosts),
        };
        var host = NodeHost.Build(plan, LogLevel.Warning);
        var leds = new LedRecorder(plan, host.Services.GetRequiredService<GpioBoards>(), time);
        var scheme = new TopicScheme(root);
        var observer = await broker.ConnectAsync(root, TimeSpan.FromSeconds(5), time, ct);
        var network = new DemoNetwork(stateDir, host, time, leds, observer, scheme, [.. manifests.SelectMany(m => m.Neurons).Select(n => n.Id)]);
        try
        {
            await observer.SubscribeAsync([scheme.AllStatus, scheme.AllEvents], ct);
            await host.StartAsync(ct);
            await output.WriteLineAsync(
                $"Starting {network.Neurons.Count} neurons ({string.Join(", ", network.Neurons)}) on simulated boards, broker {broker.Address} ...");
            await observer.WaitOnlineAsync(scheme, network.Neurons, ct);
            if (httpPort is { } port)
            {
                network.Aggregator = await DemoAggregator.StartAsync(broker, root, stateDir, port, ct);
                await output.WriteLineAsync(
                    $"Aggregator: the live network page is at {network.Aggregator.Address} (API under {network.Aggregator.Address}api/)");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kicks x when <paramref name="x"/> is 1 and y when <paramref name="y"/> is 1 (external kicks, as the
    /// page's kick button sends), then takes every event until the network is quiet, or until one matches
    /// <paramref name="settled"/> when given: which neurons fired, and the LEDs that lit meanwhile.</summary>
    public async Task<PlayedRow> PlayRowAsync(int x, int y, CancellationToken ct, Func<EventMessage, bool>? settled = null)
    {
        Leds.Drain();
        var start = _time.GetTimestamp();
        if (x == 1)
        {
            await Observer.PublishAsync(Scheme.For("x").Kick, ReadOnlyMemory<byte>.Empty, ct: ct);
        }

        if (y == 1)
        {
            await Observer.PublishAsync(Scheme.For("y").Kick, ReadOnlyMemory<byte>.Empty, ct: ct);
        }

        var fired = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in EventsUntilQuietAsync(settled is null ? Quiet : SettleTimeout, ct))
        {
            if (e.Type == "fired")
            {
                fired.Add(e.Id);
            }

            if (settled?.Invoke(e) == true)
            {
                return new PlayedRow(fired, Leds.Drain(), start);
            }
        }

        if (settled is not null)
        {
            throw new TimeoutException($"no decision came within {SettleTimeout.TotalSeconds} s of the row's kicks");
        }


        return new PlayedRow(fired, Leds.Drain(), start);
    }

    private async IAsyncEnumerable<EventMessage> EventsUntilQuietAsync(TimeSpan quietFor, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quiet.CancelAfter(quietFor);
            MQTTnet.MqttApplicationMessage message;
            try
            {
                (message, _) = await Observer.Incoming.ReadAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                yield break;
            }

            if (message.Topic.EndsWith("/events", StringComparison.Ordinal)
                && JsonSerializer.Deserialize(message.PayloadSpan(), ProtocolJsonContext.Default.EventMessage) is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Stops everything and deletes the state folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Aggregator is not null)
        {
            await Aggregator.DisposeAsync();
        }

        await _host.StopAsync(CancellationToken.None);
        await Observer.DisposeAsync();
        Leds.Dispose();
        _host.Dispose();
        Directory.Delete(_stateDir, recursive: true);
    }
}

/// <summary>What one row of a truth table did.</summary>
/// <param name="Fired">The neurons that fired.</param>
/// <param name="Flashes">The LEDs that lit, in order.</param>
/// <param name="Start">When the row's kicks went out (a <see cref="TimeProvider"/> timestamp).</param>
internal sealed record PlayedRow(IReadOnlySet<string> Fired, IReadOnlyList<LedFlash> Flashes, long Start);
