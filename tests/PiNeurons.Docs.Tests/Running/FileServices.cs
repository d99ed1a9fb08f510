using PiNeurons.Core.Manifest;
using PiNeurons.Testing;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// What a docs file's commands expect to be running, on the default ports a reader's machine has: Mosquitto on
/// 127.0.0.1:1883, the XOR cluster of firmware-config/xor.yaml as one node process on it, the aggregator on
/// 127.0.0.1:8080. Started fresh for each file (no retained message or <c>set</c> of one file leaks into the
/// next) and stopped after its last block.
/// </summary>
internal sealed class FileServices : IAsyncDisposable
{
    /// <summary>The broker's port, the MQTT default.</summary>
    public const int MqttPort = 1883;

    /// <summary>The aggregator's port, as in the README.</summary>
    public const int HttpPort = 8080;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ChildProcess> _processes = [];
    private MosquittoBroker? _broker;

    private FileServices()
    {
    }

    /// <summary>What runs, for the report: <c>mosquitto, xor-cluster</c>.</summary>
    public string Description { get; private set; } = "none";

    /// <summary>Starts <paramref name="names"/> (mosquitto is implied by the others) and waits until each is ready.</summary>
    public static async Task<FileServices> StartAsync(IReadOnlyList<string> names, DocsEnvironment environment, string tree)
    {
        var services = new FileServices();
        try
        {
            var wanted = names.Where(n => n != "none").ToList();
            if (wanted.Count > 0 && !wanted.Contains("mosquitto"))
            {
                wanted.Insert(0, "mosquitto");
            }

            services.Description = wanted.Count == 0 ? "none" : string.Join(", ", wanted);
            if (wanted.Contains("mosquitto"))
            {
                // Mosquitto drops root for its own user, which a user namespace has not mapped: it stays the user it is.
                services._broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Port = MqttPort, ExtraConfig = [$"user {Environment.UserName}"] });
            }

            if (wanted.Contains("xor-cluster"))
            {
                await services.StartClusterAsync(environment, tree);
            }

            if (wanted.Contains("aggregator"))
            {
                await services.StartAggregatorAsync(environment);
            }

            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private async Task StartClusterAsync(DocsEnvironment environment, string tree)
    {
        var manifestPath = Path.Combine(tree, "firmware-config", "xor.yaml");
        var manifest = ClusterManifest.Parse(await File.ReadAllTextAsync(manifestPath), "xor.yaml");
        var state = environment.NewFolder("xor-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var node = Start(environment, state, $"exec dotnet {ShellQuote.Of(DocsEnvironment.NodeDll)} --manifest {ShellQuote.Of(manifestPath)} --node all --gpio simulated --broker mqtt://127.0.0.1:{MqttPort} --state-dir {ShellQuote.Of(state)}");
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", MqttPort, $"{manifest.Root}/+/status");
        foreach (var neuron in manifest.Neurons)
        {
            var online = probe.WaitForAsync($"{manifest.Root}/{neuron.Id}/status", "online", StartTimeout);
            await ReadyOrExitedAsync(online, node, $"the XOR cluster's {neuron.Id} to say online");
        }
    }

    private async Task StartAggregatorAsync(DocsEnvironment environment)
    {
        var state = environment.NewFolder("aggregator-" + Guid.NewGuid().ToString("N")[..8]);
        var aggregator = Start(environment, state, $"exec dotnet {ShellQuote.Of(DocsEnvironment.AggregatorDll)} --broker mqtt://127.0.0.1:{MqttPort} --urls http://127.0.0.1:{HttpPort} --state-dir {ShellQuote.Of(state)}");
        await ReadyOrExitedAsync(FreePort.WaitUntilListeningAsync(HttpPort, StartTimeout), aggregator, $"the aggregator to listen on {HttpPort}");
    }

    private ChildProcess Start(DocsEnvironment environment, string directory, string commandLine)
    {
        var process = Bash.Start(commandLine, directory, environment.Variables);
        _processes.Add(process);
        return process;
    }

    // A service that stops at start (a bad option, a port taken) is reported at once, with what it said.
    private static async Task ReadyOrExitedAsync(Task ready, ChildProcess process, string what)
    {
        try
        {
            if (await Task.WhenAny(ready, process.Exited) != ready)
            {
                throw new InvalidOperationException($"waiting for {what}: `{process.Description}` exited {process.ExitCode}; output:\n{process.Output}");
            }

            await ready;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"waiting for {what}: {ex.Message}\n`{process.Description}` output:\n{process.Output}", ex);
        }
    }
}
