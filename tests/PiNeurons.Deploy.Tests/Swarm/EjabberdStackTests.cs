using System.Text.Json.Nodes;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// deploy/swarm/stack.ejabberd.yml against <see cref="EjabberdRules"/> (StackFileTests holds it to every stack's rules),
/// each rule shown to fail on a stack that breaks it, and its secrets against what <c>pineurons secrets --broker-kind
/// ejabberd</c> prints. No Docker engine is needed or used.
/// </summary>
public sealed class EjabberdStackTests(PrintedEjabberdSecrets printed) : IClassFixture<PrintedEjabberdSecrets>
{
    private const string StackFile = "deploy/swarm/stack.ejabberd.yml";

    private static JsonNode Load() => YamlToJson.Convert(RepoRoot.ReadAllText(StackFile));

    private static string Config => RepoRoot.ReadAllText("deploy/ejabberd/ejabberd.yml");

    [Fact]
    public void Nodes_ArePinnedAndJoinTheFirst() => Problems.AssertNone(StackFile, EjabberdRules.NodesArePinnedAndJoinTheFirst(Load()));

    [Fact]
    public void Nodes_GiveTheConfigWhatItNames() => Problems.AssertNone(StackFile, EjabberdRules.NodesGiveTheConfigWhatItNames(Load(), Config));

    [Fact]
    public void Aggregator_KnowsEveryNode() => Problems.AssertNone(StackFile, EjabberdRules.AggregatorKnowsEveryNode(Load(), Config));

    [Fact]
    public void Secrets_AreExactlyThePrintedOnes()
    {
        var declared = Load()["secrets"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);

        Assert.Equal(printed.Lines.Select(l => l.Secret).Order(StringComparer.Ordinal), declared);
        Assert.Contains(("ejabberd_access", "ejabberd-access.yml"), printed.Lines);
        Assert.Contains(("ejabberd_broker_key", "broker.key"), printed.Lines);
    }

    [Theory]
    [InlineData("floating tag")]
    [InlineData("no join")]
    [InlineData("join another")]
    [InlineData("virtual IP")]
    [InlineData("key not a secret")]
    [InlineData("cookie readable by others")]
    [InlineData("database off a volume")]
    [InlineData("port in ingress mode")]
    [InlineData("aggregator misses a node")]
    [InlineData("aggregator on plain mqtt")]
    public void Rule_FailsOnAStackThatBreaksIt(string breakage)
    {
        var stack = Load();
        var a = StackRules.Service(stack, "ejabberd-a")!.AsObject();
        var b = StackRules.Service(stack, "ejabberd-b")!.AsObject();
        var command = StackRules.Service(stack, StackRules.Aggregator)!["command"]!.AsArray();
        switch (breakage)
        {
            case "floating tag":
                a["image"] = "ejabberd/ecs:latest";
                break;
            case "no join":
                b["environment"]!.AsObject().Remove("CTL_ON_CREATE");
                break;
            case "join another":
                b["environment"]!["CTL_ON_CREATE"] = "join_cluster ejabberd@ejabberd-b";
                break;
            case "virtual IP":
                b["deploy"]!.AsObject().Remove("endpoint_mode");
                break;
            case "key not a secret":
                var secrets = a["secrets"]!.AsArray();
                secrets.RemoveAt(secrets.Select(s => s!["target"]!.ToString()).ToList().IndexOf("/etc/ejabberd/pineurons/broker.key"));
                break;
            case "cookie readable by others":
                b["secrets"]!.AsArray().Single(s => s!["target"]!.ToString() == EjabberdRules.CookieTarget)!["mode"] = Convert.ToInt64("444", 8);
                break;
            case "database off a volume":
                a["volumes"] = new JsonArray("ejabberd_a_data:/data");
                break;
            case "port in ingress mode":
                b["ports"]![0]!["mode"] = "ingress";
                break;
            case "aggregator misses a node":
                command[command.Select(n => n!.ToString()).ToList().IndexOf("--broker") + 1] = "mqtts://ejabberd-a:8883";
                break;
            case "aggregator on plain mqtt":
                command[command.Select(n => n!.ToString()).ToList().IndexOf("--broker") + 1] = "mqtt://ejabberd-a:1883,mqtt://ejabberd-b:1883";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }

        Assert.NotEmpty(EjabberdRules.NodesArePinnedAndJoinTheFirst(stack)
            .Concat(EjabberdRules.NodesGiveTheConfigWhatItNames(stack, Config))
            .Concat(EjabberdRules.AggregatorKnowsEveryNode(stack, Config)));
    }
}
