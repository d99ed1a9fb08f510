using System.Net;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.NodeRed;

/// <summary>
/// docs/node-red/pineurons-flow.json, loaded by a real Node-RED and driving real neurons: what someone who
/// imports the flow gets. The flow's topics use the default root <c>pineurons</c>, so the test runs its own
/// Mosquitto rather than sharing one under a root of its own.
/// </summary>
public sealed class NodeRedFlowTests
{
    private static readonly TimeSpan Timeout = Scenario.Timeout;

    // Node-RED loads its palette and flow on a loaded 2-core machine in a few seconds; this only bounds a failure.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    [NodeRedFact]
    public async Task Flow_KickPostedToNodeRed_XKickedAndZsEventServed()
    {
        var flowFile = Path.Combine(NodeRedProcess.RepoRoot, "docs", "node-red", "pineurons-flow.json");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Url, "pineurons/#");
        await using var node = NodeProcess.Start("--neurons", "x,z", "--broker", broker.Url, "--root", "pineurons");
        await using var nodeRed = NodeRedProcess.Start(flowFile, broker.Port);
        await WaitAsync(probe, m => m.Topic == "pineurons/x/status" && MqttProbe.PayloadOf(m) == "online", "x online", node);
        await WaitAsync(probe, m => m.Topic == "pineurons/z/status" && MqttProbe.PayloadOf(m) == "online", "z online", node);
        // x wired to z, and z firing on x's kick: the smallest network where a kick of x shows on z.
        await probe.PublishAsync("pineurons/x/set", """{"addConnections":["z"]}""");
        await WaitAsync(probe, m => IsEvent(m, "x", "config"), "x's config event", node);
        await probe.PublishAsync("pineurons/z/set", """{"weights":{"x":1}}""");
        await WaitAsync(probe, m => IsEvent(m, "z", "config"), "z's config event", node);
        await nodeRed.WaitReadyAsync(StartupTimeout);

        using (var kick = await nodeRed.Http.PostAsync("pineurons/x/kick", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, kick.StatusCode);
        }

        // On the MQTT side: Node-RED's kick reached x as an external kick (an empty payload).
        await WaitAsync(probe, m => IsEvent(m, "x", "kicked") && From(m) == "external", "x kicked by an external kick", node);
        // Through Node-RED's mqtt in node and flow context: z's event caused by x.
        var last = await LastEventOfZFromXAsync(nodeRed, node);
        Assert.Contains(last.GetProperty("type").GetString(), new[] { "kicked", "fired" });
    }

    private static bool IsEvent(MQTTnet.MqttApplicationMessage m, string id, string type) =>
        m.Topic == $"pineurons/{id}/events" && Scenario.Json(m) is { } e && Scenario.Text(e, "type") == type;

    private static string? From(MQTTnet.MqttApplicationMessage m) => Scenario.Json(m) is { } e ? Scenario.Text(e, "from") : null;

    // Polls the flow's endpoint: the flow answers its latest event and offers no way to wait for one.
    private static async Task<JsonElement> LastEventOfZFromXAsync(NodeRedProcess nodeRed, NodeProcess node)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        var seen = "nothing";
        try
        {
            while (true)
            {
                using var response = await nodeRed.Http.GetAsync("pineurons/z/last", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    seen = await response.Content.ReadAsStringAsync(deadline.Token);
                    var last = JsonDocument.Parse(seen).RootElement.Clone();
                    if (Scenario.Text(last, "id") == "z" && Scenario.Text(last, "from") == "x")
                    {
                        return last;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"GET /pineurons/z/last never showed z's event from x (last answer: {seen}).\nNode-RED:\n{nodeRed.Output}\n{node.Describe()}");
            throw;
        }
    }

    private static async Task WaitAsync(MqttProbe probe, Func<MQTTnet.MqttApplicationMessage, bool> predicate, string what, NodeProcess node)
    {
        try
        {
            await probe.WaitForAsync(predicate, Timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"waiting for {what}: {ex.Message}\n{node.Describe()}", ex);
        }
    }
}
