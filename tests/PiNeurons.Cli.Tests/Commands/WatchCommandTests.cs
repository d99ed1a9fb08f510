using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

public class WatchCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Watch_Count2_PrintsTwoLinesAndExits()
    {
        await using var neurons = await MqttProbe.ConnectAsync(Url);
        var (exit, output, error) = CliRun.Start("watch", "--count", "2", "--broker", Url);
        await error.WaitForAsync("watching");

        await neurons.PublishAsync("pineurons/w1/events", """{"id":"w1","seq":41,"type":"kicked","from":"x","at":"2026-11-27T18:00:00.120Z"}""");
        await neurons.PublishAsync("pineurons/w1/events", """{"id":"w1","seq":42,"type":"fired","from":"x","hop":1,"at":"2026-11-27T18:00:00.123Z"}""");

        Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("w1   #41  kicked      from x", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("w1   #42  fired       from x  hop 1", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Ids_MergesStatusAndEventsOfThoseOnly()
    {
        await using var neurons = await MqttProbe.ConnectAsync(Url);
        var (exit, output, error) = CliRun.Start("watch", "w2", "--count", "2", "--broker", Url);
        await error.WaitForAsync("watching");

        await neurons.PublishAsync("pineurons/other/events", """{"id":"other","seq":1,"type":"fired","at":"2026-11-27T18:00:00.120Z"}""");
        await neurons.PublishAsync("pineurons/w2/status", "offline");
        await neurons.PublishAsync("pineurons/w2/events", """{"id":"w2","seq":3,"type":"error","reason":"kick: malformed JSON","at":"2026-11-27T18:00:00.123Z"}""");

        Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("w2   status      offline", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("w2   #3  error       kick: malformed JSON", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_RetainedStatus_IsShownButNotCounted()
    {
        await using var neurons = await MqttProbe.ConnectAsync(Url, "pineurons/w4/status");
        await neurons.PublishAsync("pineurons/w4/status", "online", retain: true);
        await neurons.WaitForAsync("pineurons/w4/status", "online");
        var (exit, output, error) = CliRun.Start("watch", "w4", "--count", "1", "--broker", Url);
        await output.WaitForAsync("status      online");

        await neurons.PublishAsync("pineurons/w4/events", """{"id":"w4","seq":1,"type":"button","at":"2026-11-27T18:00:00.123Z"}""");

        Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("w4   #1  button", lines[1], StringComparison.Ordinal);
        Assert.Contains("watching", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Json_PrintsRawPayloads()
    {
        await using var neurons = await MqttProbe.ConnectAsync(Url);
        var (exit, output, error) = CliRun.Start("watch", "w3", "--json", "--count", "1", "--broker", Url);
        await error.WaitForAsync("watching");
        const string Event = """{"id":"w3","seq":1,"type":"config","at":"2026-11-27T18:00:00.123Z"}""";

        await neurons.PublishAsync("pineurons/w3/events", Event);

        Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Event, output.Text.Trim());
        using var _ = JsonDocument.Parse(output.Text);
    }
}
