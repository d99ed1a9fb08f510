using PiNeurons.Core;
using Microsoft.Extensions.Logging;
using PiNeurons.Cli.Tests.Commands;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// The pieces plugged together: a node hosting every XOR neuron logs each one in as itself from the
/// <c>passwords/</c> folder <c>pineurons secrets</c> wrote (<c>--password-dir</c>), over TLS pinned to its CA,
/// on a Mosquitto running its dynamic-security file, which pins each neuron's login to the client id the node uses.
/// </summary>
public sealed class NodeOnLockedBrokerTests : IDisposable
{
    private static readonly string[] Neurons = ["x", "y", "h1", "h2", "h3", "z"];
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Node_PasswordDirFromSecrets_EveryNeuronComesOnlineOnTheLockedBroker()
    {
        var generated = await _out.RunAsync();
        Assert.True(generated.ExitCode == ExitCodes.Ok, generated.ToString());
        var (broker, tls) = await LockedBroker.StartAsync(_out.Dir);
        await using var _ = broker;
        await using var operatorProbe = await LockedBroker.LoginAsync(_out, broker.Port, "operator", ["pineurons/+/status"]);
        using var node = BuildNode(SecretsOutput.ManifestPath, tls);

        await node.StartAsync();
        try
        {
            foreach (var neuron in Neurons)
            {
                await operatorProbe.WaitForAsync($"pineurons/{neuron}/status", "online");
            }
        }
        finally
        {
            await node.StopAsync();
        }
    }

    [Fact]
    public async Task Node_HomeAssistantDiscoveryOnTheLockedBroker_AnnouncesWithoutTakingOverANeuronsSession()
    {
        // The XOR manifest with discovery on: secrets then lets the neuron users announce.
        var manifest = Path.Combine(_out.Root, "xor-ha.yaml");
        await File.WriteAllTextAsync(manifest, "homeAssistant: { discovery: true }\n" + await File.ReadAllTextAsync(SecretsOutput.ManifestPath));
        var generated = await CliRun.RunAsync("secrets", "--manifest", manifest, "--out", _out.Dir);
        Assert.True(generated.ExitCode == ExitCodes.Ok, generated.ToString());
        var (broker, tls) = await LockedBroker.StartAsync(_out.Dir);
        await using var _ = broker;
        await using var operatorProbe = await LockedBroker.LoginAsync(_out, broker.Port, "operator", ["pineurons/+/status", "homeassistant/#"]);
        using var node = BuildNode(manifest, tls);

        await node.StartAsync();
        try
        {
            foreach (var neuron in Neurons)
            {
                await operatorProbe.WaitForAsync(m => m.Topic.StartsWith("homeassistant/device/", StringComparison.Ordinal)
                    && m.Topic.EndsWith($"_{neuron}/config", StringComparison.Ordinal) && m.Payload.Length > 0);
            }

            // Home Assistant comes online: the configs come again, on the first neuron's connection.
            var before = operatorProbe.Received.Count;
            await operatorProbe.Client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic("homeassistant/status").WithPayload("online").Build());
            await operatorProbe.WaitForAsync(m => m.Topic.EndsWith("_x/config", StringComparison.Ordinal) && !operatorProbe.Received.Take(before).Contains(m));

            // Sharing the neuron's login never cost a neuron its session: nobody went offline.
            Assert.DoesNotContain(operatorProbe.Received, m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && PiNeurons.Testing.MqttProbe.PayloadOf(m) == "offline");
        }
        finally
        {
            await node.StopAsync();
        }
    }

    // Every neuron of the manifest in one process, each logging in as itself from the generated passwords/,
    // over TLS pinned to the generated CA.
    private Microsoft.Extensions.Hosting.IHost BuildNode(string manifest, int tlsPort) =>
        NodeHost.Build(
            NodePlanner.Create(new NodeOptions
            {
                Manifest = manifest,
                Node = "all",
                Gpio = "simulated",
                Broker = $"mqtts://127.0.0.1:{tlsPort}",
                CaFile = _out.PathOf("ca.crt"),
                PasswordDir = _out.PathOf("passwords"),
                StateDir = Path.Combine(_out.Root, "state"),
            }, hostname: "test", stateDirectoryEnv: null),
            LogLevel.Warning);
}
