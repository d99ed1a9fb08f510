using PiNeurons.Core;
using PiNeurons.Mqtt;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary><c>pineurons teach</c> against a fake perceptron neuron: what it sends, and what it makes of the answers.</summary>
public class TeachCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Teach_NeuronLearns_SendsTargetAndPrintsWhatChanged()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "t1");
        var (exit, output, error) = CliRun.Start("teach", "t1", "1", "--broker", Url);

        await neuron.AnswerAsync("pineurons/t1/query", Before("t1"));
        var teach = await neuron.AnswerAsync("pineurons/t1/teach", After("t1"));

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("""{"target":1}""", teach.PayloadAsString());
        // Only what changed, in the names set takes: h2 kept its weight.
        Assert.Equal("t1 learned (target 1): threshold 0.9 -> 0.65, weights.h1 0.5 -> 0.75", output.Text.Trim());
    }

    [Fact]
    public async Task Teach_NeuronRefuses_PrintsReasonAndExitsFailed()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "t2");
        var (exit, output, error) = CliRun.Start("teach", "t2", "0", "--broker", Url);

        await neuron.AnswerAsync("pineurons/t2/query", Before("t2"));
        var teach = await neuron.AnswerAsync(
            "pineurons/t2/teach",
            """{"id":"t2","seq":5,"type":"error","at":"2026-11-27T18:00:00.123Z","reason":"teach: no decision to teach yet: kick the neuron, then teach"}""");

        Assert.Equal(ExitCodes.Failed, await exit);
        Assert.Equal("""{"target":0}""", teach.PayloadAsString());
        Assert.Equal("t2 learned nothing: teach: no decision to teach yet: kick the neuron, then teach", error.Text.Trim());
        Assert.Empty(output.Text);
    }

    [Fact]
    public async Task Teach_DecisionWasRight_SaysSo()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "t3");
        var (exit, output, error) = CliRun.Start("teach", "t3", "0", "--broker", Url);

        await neuron.AnswerAsync("pineurons/t3/query", Before("t3"));
        await neuron.AnswerAsync("pineurons/t3/teach", Before("t3"));

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("t3 was already right (target 0): nothing to learn", output.Text.Trim());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("yes")]
    [InlineData("-1")]
    public async Task Teach_TargetNotOneOrZero_ExitsUsageWithoutConnecting(string target)
    {
        var result = await CliRun.RunAsync("teach", "t4", target, "--broker", "mqtt://127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"TARGET must be 1 (it should have fired) or 0 (it should not have), got '{target}'", result.Error.Trim());
    }

    [Fact]
    public async Task Teach_NoTarget_ExitsUsage()
    {
        var result = await CliRun.RunAsync("teach", "t5", "--broker", "mqtt://127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Run 'pineurons teach --help'", result.Error, StringComparison.Ordinal);
    }

    private static string Before(string id) => FakeNeuron.State(id, weights: """{"h1":0.5,"h2":0.5}""");

    private static string After(string id) =>
        FakeNeuron.State(id, weights: """{"h1":0.75,"h2":0.5}""").Replace("\"threshold\":0.9,", "\"threshold\":0.65,", StringComparison.Ordinal);
}
