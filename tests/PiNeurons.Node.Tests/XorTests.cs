using PiNeurons.Testing;
using PiNeurons.Node.Tests.Support;

namespace PiNeurons.Node.Tests;

/// <summary>
/// The XOR network of firmware-config/xor.yaml over a real broker: z fires for exactly one of x, y
/// (docs/protocol.md's integration window is what makes (1,1) answer 0).
/// </summary>
public sealed class XorTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly string[] Neurons = ["x", "y", "h1", "h2", "h3", "z"];
    private static readonly string[] Hosts = ["pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z"];

    [Fact]
    public async Task Xor_OneNodeProcessPerHost_ZFiresForExactlyOneInput()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        foreach (var host in Hosts)
        {
            scenario.StartNode("--manifest", TempManifest.Xor, "--node", host, "--gpio", "simulated");
        }

        await scenario.WaitOnlineAsync(mark, Neurons);

        await AssertTruthTableAsync(scenario);
    }

    [Fact]
    public async Task Xor_AllHostsInOneProcess_ZFiresForExactlyOneInput()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        scenario.StartNode("--manifest", TempManifest.Xor, "--node", "all", "--gpio", "simulated");

        await scenario.WaitOnlineAsync(mark, Neurons);

        await AssertTruthTableAsync(scenario);
    }

    private static async Task AssertTruthTableAsync(Scenario scenario)
    {
        var answers = new List<string>();
        var trace = new List<string>();
        foreach (var (x, y) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var mark = scenario.Mark();
            // Empty payload = an external kick, which weighs 1 and fires an input neuron at once.
            // Both kicks leave together: (1,1) is decided by h2 and z summing within the integration
            // window, so the test must not add its own delay between x and y.
            await Task.WhenAll(
                x ? scenario.PublishAsync("x", "kick", string.Empty) : Task.CompletedTask,
                y ? scenario.PublishAsync("y", "kick", string.Empty) : Task.CompletedTask);

            if (x)
            {
                await scenario.WaitEventAsync(mark, "x", "fired");
            }

            if (y)
            {
                await scenario.WaitEventAsync(mark, "y", "fired");
            }

            // Settle: z has no connections, so once it fired (or the cascade died out) nothing more comes.
            // This bounds the wait; it asserts no timing.
            await scenario.WaitQuietAsync(t => t.StartsWith(scenario.Root + "/", StringComparison.Ordinal) && t.EndsWith("/events", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
            var zFired = scenario.Events(mark, "z").Count(e => Scenario.Text(e, "type") == "fired");
            answers.Add($"({(x ? 1 : 0)},{(y ? 1 : 0)})->{zFired}");
            trace.Add($"row {answers[^1]}: " + string.Join(" ", Neurons.SelectMany(id => scenario.Events(mark, id))
                .Select(e => $"{Scenario.Text(e, "id")}:{Scenario.Text(e, "type")}<{Scenario.Text(e, "from")}@{Scenario.Text(e, "at")?[17..]}")));

            // Inputs stay live for inputLastingMs (500 ms) after their last kick, measured by the neurons'
            // clocks from when they handled the kick; waiting a further 600 ms after the quiet second
            // guarantees no leftover input of this row adds to the next one, whatever the delivery delay.
            await Task.Delay(TimeSpan.FromMilliseconds(600));
        }

        Assert.True(
            answers.SequenceEqual(["(0,0)->0", "(0,1)->1", "(1,0)->1", "(1,1)->0"]),
            $"z must fire once for exactly one input; got {string.Join(" ", answers)}\n{string.Join("\n", trace)}\n{scenario.DescribeNodes()}");
    }
}
