using PiNeurons.Core;
using PiNeurons.Testing;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Tests.Commands;

public class SetCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Set_NeuronAccepts_SendsPatchAndPrintsNewConfig()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "s1");
        var (exit, output, error) = CliRun.Start("set", "s1", "threshold=0.9", "weights.x=1", "weights.old=null", "+connections=z", "--broker", Url);

        var request = await neuron.AnswerAsync("pineurons/s1/set", FakeNeuron.State("s1"));

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("""{"threshold":0.9,"weights":{"x":1,"old":null},"addConnections":["z"]}""", request.PayloadAsString());
        Assert.Contains("s1 applied the change", output.Text, StringComparison.Ordinal);
        Assert.Contains("threshold            0.9", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_NeuronRefuses_PrintsReasonAndExitsFailed()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "s2");
        var (exit, _, error) = CliRun.Start("set", "s2", "colour=red", "--broker", Url);

        var request = await neuron.AnswerAsync(
            "pineurons/s2/set",
            """{"id":"s2","seq":5,"type":"error","at":"2026-11-27T18:00:00.123Z","reason":"set: unknown field 'colour'"}""");

        Assert.Equal(ExitCodes.Failed, await exit);
        Assert.Equal("""{"colour":"red"}""", request.PayloadAsString());
        Assert.Equal("s2 refused the change: set: unknown field 'colour'", error.Text.Trim());
    }

    [Fact]
    public async Task Set_Json_SendsItAsIs()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "s3");
        var (exit, _, error) = CliRun.Start("set", "s3", "--json", """{"maxHops":8}""", "--broker", Url);

        var request = await neuron.AnswerAsync("pineurons/s3/set", FakeNeuron.State("s3"));

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("""{"maxHops":8}""", request.PayloadAsString());
    }

    [Fact]
    public async Task Set_MinusConnections_IsAnArgumentNotAnOption()
    {
        await using var neuron = await FakeNeuron.ListenAsync(fixture.Broker, "s5");
        var (exit, _, error) = CliRun.Start("set", "s5", "-connections=h1", "--broker", Url);

        var request = await neuron.AnswerAsync("pineurons/s5/set", FakeNeuron.State("s5"));

        Assert.True(await exit == 0, error.Text);
        Assert.Equal("""{"removeConnections":["h1"]}""", request.PayloadAsString());
    }

    [Fact]
    public async Task Set_BadPair_ExitsUsageWithoutConnecting()
    {
        var result = await CliRun.RunAsync("set", "s4", "threshold=high", "--broker", "mqtt://127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("threshold: 'high' is not a number", result.Error, StringComparison.Ordinal);
    }
}
