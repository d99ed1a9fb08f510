using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using PiNeurons.Core;
using PiNeurons.Testing;
using Xunit.Abstractions;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// deploy/ejabberd/ejabberd.yml as shipped (its paths, port and address replaced by the test's own), on a real 2-node
/// cluster with the files <c>pineurons secrets --broker-kind ejabberd</c> wrote where it expects them: it starts, serves
/// MQTT over TLS with the generated certificate, includes the generated rules and knows the registered logins.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class EjabberdShippedConfigTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SecretsOutput _out = new();
    private EjabberdCluster? _cluster;

    private static string ShippedConfig => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(SecretsOutput.ManifestPath))!, "deploy", "ejabberd", "ejabberd.yml");

    public async Task InitializeAsync()
    {
        var result = await _out.RunAsync("--broker-kind", "ejabberd");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        _cluster = await EjabberdCluster.StartAsync(new EjabberdClusterOptions { Auth = EjabberdAuth.FromSecrets(_out.Dir), ConfigFile = ShippedConfig });
        output.WriteLine(System.FormattableString.Invariant($"2-node cluster on the shipped config, its 8 logins registered, in {_cluster.StartDuration.TotalSeconds:0.0} s"));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _out.Dispose();
    }

    [Fact]
    public async Task ShippedConfig_TwoNodes_TlsLoginsAndRulesHoldAcrossTheCluster()
    {
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_out.PathOf("ca.crt")));
        var node1 = _cluster!.Node(1).TlsBroker!;
        var node2 = _cluster.Node(2).TlsBroker!;
        await using var watcher = await MqttProbe.ConnectAsync(node2.Host, node2.Port, Login("operator", null) + LockedBroker.Tls(ca), "pineurons/#");
        await using var h1 = await MqttProbe.ConnectAsync(node1.Host, node1.Port, Login("h1", LockedBroker.NeuronClientId("h1")) + LockedBroker.Tls(ca));

        var forged = await h1.Client.PublishAsync(Message("pineurons/h2/status", "forged"), CancellationToken.None);
        await h1.PublishAsync("pineurons/h1/events", "marker");

        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, forged.ReasonCode);
        await watcher.WaitForAsync("pineurons/h1/events", "marker");
        Assert.Equal(["pineurons/h1/events"], watcher.Received.Select(m => m.Topic));
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized,
            await LockedBroker.ConnectResultAsync(node2.Port, "h1", "wrong", LockedBroker.Tls(ca), LockedBroker.NeuronClientId("h1")));
        Assert.Throws<InvalidOperationException>(() => _cluster.Node(1).Broker);
    }

    private Action<MqttClientOptionsBuilder> Login(string user, string? clientId) => b =>
    {
        b.WithCredentials(user, _out.Password(user));
        if (clientId is not null)
        {
            b.WithClientId(clientId);
        }
    };

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
