namespace PiNeurons.Testing;

/// <summary>
/// The XOR network of firmware-config/xor.yaml, row by row, as a user checks it: kick x and y as the row says, and
/// count z's firings. Right means z fires once for exactly one input (docs/protocol.md's integration window is what
/// makes (1,1) answer 0).
/// </summary>
public static class XorTruthTable
{
    /// <summary>The neurons of the network.</summary>
    public static IReadOnlyList<string> Neurons { get; } = ["x", "y", "h1", "h2", "h3", "z"];

    /// <summary>The manifest's hosts, one Pi per neuron.</summary>
    public static IReadOnlyList<string> Hosts { get; } = ["pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z"];

    /// <summary>Plays the four rows and fails with every neuron's events when z does not answer XOR.</summary>
    public static async Task AssertAsync(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
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

        Xunit.Assert.True(
            answers.SequenceEqual(["(0,0)->0", "(0,1)->1", "(1,0)->1", "(1,1)->0"]),
            $"z must fire once for exactly one input; got {string.Join(" ", answers)}\n{string.Join("\n", trace)}\n{scenario.DescribeNodes()}");
    }
}
