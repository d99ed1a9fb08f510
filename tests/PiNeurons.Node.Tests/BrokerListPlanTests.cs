using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Node.Tests;

/// <summary>The nodes of a clustered broker given to a node: on the command line or in the manifest.</summary>
public sealed class BrokerListPlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-brokers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Plan_CommaSeparatedBrokers_KeepsEachInOrder()
    {
        var plan = Plan(new NodeOptions { Neurons = "a", Broker = "mqtt://127.0.0.1:21883, mqtt://127.0.0.1:21884" });

        Assert.Equal(BrokerList.Parse("mqtt://127.0.0.1:21883,mqtt://127.0.0.1:21884"), plan.Broker);
    }

    [Fact]
    public void Plan_ManifestBrokerList_IsTheNodesBrokers()
    {
        var manifest = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(manifest, "broker:\n  - mqtt://127.0.0.1:21883\n  - mqtt://127.0.0.1:21884\nhosts:\n  test:\n    neurons:\n      a:\n");

        var plan = Plan(new NodeOptions { Manifest = manifest });

        Assert.Equal(["mqtt://127.0.0.1:21883", "mqtt://127.0.0.1:21884"], plan.Broker.Select(b => b.ToString()));
    }

    [Fact]
    public void Plan_OneBadBrokerOfTwo_RefusedNamingIt()
    {
        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(new NodeOptions { Neurons = "a", Broker = "mqtt://127.0.0.1:21883,http://b" }));

        Assert.StartsWith("--broker: broker address 'http://b' has unsupported scheme 'http'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PasswordToAPlainBrokerOfTwoOnAnotherMachine_Refused()
    {
        var password = Path.Combine(_dir, "password");
        File.WriteAllText(password, "secret");

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(new NodeOptions
        {
            Neurons = "a", Broker = "mqtt://127.0.0.1:21883,mqtt://10.1.2.3:1883", Username = "a", PasswordFile = password,
        }));

        Assert.StartsWith("--broker: refusing to send the MQTT password in clear text to mqtt://10.1.2.3:1883", ex.Message, StringComparison.Ordinal);
    }

    private NodePlan Plan(NodeOptions options)
    {
        options.StateDir ??= Path.Combine(_dir, "state");
        return NodePlanner.Create(options, hostname: "test", stateDirectoryEnv: null);
    }
}
