using PiNeurons.Mqtt;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

public class KickFireCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Kick_From_PublishesSourceIdWithHopProperty()
    {
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
        await using var neuron = await MqttProbe.ConnectAsync(Url, "lab/brain/k3/kick");

        var result = await CliRun.RunAsync("kick", "k3", "--from", "sensor:pir", "--root", "lab/brain", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("sensor:pir", (await neuron.WaitForAsync("lab/brain/k3/kick")).PayloadAsString());
    }

    [Fact]
    public async Task Fire_PublishesEmptyPayload()
    {
        await using var neuron = await MqttProbe.ConnectAsync(Url, "pineurons/f1/fire");

        var result = await CliRun.RunAsync("fire", "f1", "--broker", Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((await neuron.WaitForAsync("pineurons/f1/fire")).Payload.IsEmpty);
    }
}
