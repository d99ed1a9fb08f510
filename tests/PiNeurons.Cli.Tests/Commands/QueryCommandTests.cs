using PiNeurons.Core;
using PiNeurons.Testing;
using System.Text.Json;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Tests.Commands;

public class QueryCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Query_NeuronAnswers_PrintsItsState()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "q1");
        var (exit, output, error) = CliRun.Start("query", "q1", "--broker", Url);

        var request = await neuron.AnswerAsync("pineurons/q1/query", FakeNeuron.State("q1"));

        Assert.True(await exit == 0, error.Text);
        Assert.True(request.Payload.IsEmpty);
        var text = output.Text;
        Assert.Contains("id                   q1", text, StringComparison.Ordinal);
        Assert.Contains("potential            0.5", text, StringComparison.Ordinal);
        Assert.Contains("firedCount           3", text, StringComparison.Ordinal);
        Assert.Contains("threshold            0.9", text, StringComparison.Ordinal);
        Assert.Contains("weights              x=1", text, StringComparison.Ordinal);
        Assert.Contains("connections          z", text, StringComparison.Ordinal);
        Assert.Contains("integrationWindowMs  150", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-27T18:00:00.123Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_NodeOlderThanLearning_ShowsNoLearning()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "q4");
        var (exit, output, error) = CliRun.Start("query", "q4", "--broker", Url);

        // A node older than learning sends a config without the learning field.
        var state = FakeNeuron.State("q4");
        Assert.DoesNotContain("\"learning\"", state, StringComparison.Ordinal);

        await neuron.AnswerAsync("pineurons/q4/query", state);

        Assert.True(await exit == 0, error.Text);
        Assert.Contains("learning             none", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_PerceptronNeuron_ShowsItsRuleAndParameters()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "q5");
        var (exit, output, error) = CliRun.Start("query", "q5", "--broker", Url);
        var state = FakeNeuron.State("q5").Replace(
            "\"maxFiresPerSecond\":1000}", "\"maxFiresPerSecond\":1000,\"learning\":{\"rule\":\"perceptron\",\"rate\":0.25,\"teachWindowMs\":5000,\"maxWeight\":10}}", StringComparison.Ordinal);

        await neuron.AnswerAsync("pineurons/q5/query", state);

        Assert.True(await exit == 0, error.Text);
        Assert.Contains("learning             perceptron  rate=0.25 teachWindowMs=5000 maxWeight=10", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Log_AsksForTheLogAndPrintsIt()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "q2");
        var (exit, output, error) = CliRun.Start("query", "q2", "--log", "--broker", Url);
        var state = FakeNeuron.State("q2")[..^1]
            + ""","log":[{"id":"q2","seq":9,"type":"kicked","from":"x","at":"2026-11-27T18:00:00.100Z"}]}""";

        var request = await neuron.AnswerAsync("pineurons/q2/query", state);

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("""{"include":["log"]}""", request.PayloadAsString());
        Assert.Contains("q2   #9  kicked      from x", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Json_PrintsTheRawState()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "q3");
        var (exit, output, error) = CliRun.Start("query", "q3", "--json", "--broker", Url);

        await neuron.AnswerAsync("pineurons/q3/query", FakeNeuron.State("q3"));

        Assert.True(await exit == 0, error.Text);
        using var doc = JsonDocument.Parse(output.Text);
        Assert.Equal("q3", doc.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Query_NobodyAnswers_ExitsTimeoutWithHint()
    {
        await FakeNeuron.AnnounceAsync(Url, "h9");

        var result = await CliRun.RunAsync("query", "h9", "--timeout", "1", "--broker", Url);

        Assert.Equal(ExitCodes.NoAnswer, result.ExitCode);
        Assert.Equal("no answer from neuron 'h9' within 1 s: is it online? (pineurons/h9/status)", result.Error.Trim());
    }
}
