using PiNeurons.Mqtt;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

public class KickFireCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Kick_From_PublishesSourceIdWithHopProperty()
    {
        await FakeNeuron.AnnounceAsync(Url, "k1");
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/k1/kick");

        var result = await CliRun.RunAsync("kick", "k1", "--from", "x", "--hop", "3", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("kicked k1 (from x, hop 3)", result.Output.Trim());
        var kick = await neuron.WaitForAsync("pineurons/k1/kick");
        Assert.Equal("x", kick.PayloadAsString());
        Assert.Equal("3", kick.GetUserProperty("hop"));
        Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, kick.QualityOfServiceLevel);
    }

    [Fact]
    public async Task Kick_WithoutFrom_PublishesEmptyPayloadAndNoHop()
    {
        await FakeNeuron.AnnounceAsync(Url, "k2");
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/k2/kick");

        var result = await CliRun.RunAsync("kick", "k2", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("kicked k2 (external)", result.Output.Trim());
        var kick = await neuron.WaitForAsync("pineurons/k2/kick");
        Assert.True(kick.Payload.IsEmpty);
        Assert.Null(kick.GetUserProperty("hop"));
    }

    [Fact]
    public async Task Kick_OtherRoot_UsesIt()
    {
        await FakeNeuron.AnnounceAsync(Url, "k3", root: "lab/brain");
        await using var neuron = await MqttProbe.ConnectAsync(Url, "lab/brain/k3/kick");

        var result = await CliRun.RunAsync("kick", "k3", "--from", "sensor:pir", "--root", "lab/brain", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("sensor:pir", (await neuron.WaitForAsync("lab/brain/k3/kick")).PayloadAsString());
    }

    [Fact]
    public async Task Fire_PublishesEmptyPayload()
    {
        await FakeNeuron.AnnounceAsync(Url, "f1");
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/f1/fire");

        var result = await CliRun.RunAsync("fire", "f1", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((await neuron.WaitForAsync("pineurons/f1/fire")).Payload.IsEmpty);
    }

    [Theory]
    [InlineData("kick")]
    [InlineData("fire")]
    [InlineData("query")]
    [InlineData("set")]
    public async Task Command_NeuronNobodyAnnounced_ExitsFailedSayingItIsUnknownAndSendsNothing(string verb)
    {
        await using var watcher = await MqttProbe.ConnectAsync(Url, "pineurons/nosuch/#");
        string[] args = verb == "set" ? [verb, "nosuch", "threshold=1", "--broker", Url] : [verb, "nosuch", "--broker", Url];

        var result = await CliRun.RunAsync(args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            "no neuron 'nosuch' is known under the root 'pineurons': nothing is retained on pineurons/nosuch/status, which its node publishes; "
            + "check the id (pineurons status lists them) and --root, or give --force to send anyway",
            result.Error.Trim());
        Assert.Empty(result.Output);
        Assert.Empty(watcher.Received);
    }

    [Fact]
    public async Task Kick_NeuronNobodyAnnouncedWithForce_SendsTheKick()
    {
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/unlisted/kick");

        var result = await CliRun.RunAsync("kick", "unlisted", "--force", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        await neuron.WaitForAsync("pineurons/unlisted/kick");
    }

    [Fact]
    public async Task Kick_OfflineNeuron_SendsAndWarnsThatNobodyReceivesItNow()
    {
        await FakeNeuron.AnnounceAsync(Url, "sleepy", "offline");
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/sleepy/kick");

        var result = await CliRun.RunAsync("kick", "sleepy", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("sleepy is offline: nobody receives this until it is online again", result.Error.Trim());
        await neuron.WaitForAsync("pineurons/sleepy/kick");
    }
}
