using PiNeurons.Testing;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Demo;

/// <summary>The README's first command: the XOR network computes its truth table.</summary>
public sealed class DemoCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Demo_EmbeddedBroker_PrintsTheXorTruthTableAndExitsZero()
    {
        var result = await CliRun.RunAsync("demo", "--port", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("   0   0  |  0   ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("   0   1  |  1   ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("   1   0  |  1   ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("   1   1  |  0   ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("XOR computed correctly", result.Output, StringComparison.Ordinal);
        // Beside XOR, the sensor neuron of room.yaml reads its simulated room.
        Assert.Matches(@"room +bme280 temperature: \d+\.\d °C; kicks when it goes above 25", result.Output);
    }

    [Fact]
    public async Task Demo_EmbeddedBroker_ShowsTheLedsThatLit()
    {
        var result = await CliRun.RunAsync("demo", "--port", "0");

        // Row (1,0): x's LED, then h1's, then z's; h2 and h3 stay dark.
        Assert.Contains("x=1 y=0   x ●  y ·  h1 ●  h2 ·  h3 ·  z ●", result.Output, StringComparison.Ordinal);
        Assert.Contains("LEDs lit: x +", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ExternalMosquitto_ComputesXorUnderTheDemoRoot()
    {
        await using var probe = await PiNeurons.Testing.MqttProbe.ConnectAsync(fixture.Broker.Url, "pineurons-demo/z/events");

        var result = await CliRun.RunAsync("demo", "--broker", fixture.Broker.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("XOR computed correctly", result.Output, StringComparison.Ordinal);
        // What a mosquitto_sub user sees: z fired twice, for (0,1) and (1,0).
        Assert.Equal(2, probe.Received.Count(m => PiNeurons.Mqtt.MqttMessages.PayloadAsString(m).Contains("\"type\":\"fired\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Demo_Stay_AnnouncesEveryNeuronToHomeAssistant()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = CliRun.Start(stop.Token, "demo", "--broker", fixture.Broker.Url, "--no-aggregator", "--stay");
        await output.WaitForAsync("until Ctrl+C", TimeSpan.FromSeconds(60));
        await using var homeAssistant = await PiNeurons.Testing.MqttProbe.ConnectAsync(fixture.Broker.Url, "homeassistant/device/+/config");

        foreach (var id in new[] { "x", "y", "h1", "h2", "h3", "z" })
        {
            var device = await homeAssistant.WaitForAsync($"homeassistant/device/pineurons-demo_{id}/config", timeout: TimeSpan.FromSeconds(20));
            var kick = System.Text.Json.JsonDocument.Parse(PiNeurons.Testing.MqttProbe.PayloadOf(device)).RootElement.GetProperty("cmps").GetProperty("kick");
            Assert.Equal("button", kick.GetProperty("p").GetString());
            Assert.Equal($"pineurons-demo/{id}/kick", kick.GetProperty("command_topic").GetString());
        }

        await stop.CancelAsync();
        Assert.Equal(0, await exit);
    }

    [Fact]
    public async Task Demo_StartsTheAggregator_WhosePageAndApiShowTheNetwork()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, error) = CliRun.Start(stop.Token, "demo", "--port", "0", "--http-port", "0", "--stay");
        await output.WaitForAsync("until Ctrl+C", TimeSpan.FromSeconds(60));
        var page = System.Text.RegularExpressions.Regex.Match(output.Text, "live network page is at (http://\\S+/)").Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(page) };

        var html = await http.GetStringAsync("/");
        // z fired for (0,1) and (1,0): the aggregator stored both firings. Its stream, read from the first
        // stored event, announces each one as it is stored; then the stored timeline must hold exactly those.
        await WaitStoredAsync(http, "\"neuron\":\"z\",", "\"type\":\"fired\"", 2);
        var z = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/events?neuron=z&type=fired")).RootElement.GetProperty("events").GetArrayLength();
        var neurons = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/neurons")).RootElement;
        await stop.CancelAsync();
        await exit;

        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, z);
        Assert.Equal(["h1", "h2", "h3", "warm", "x", "y", "z"], neurons.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.All(neurons.EnumerateArray(), n => Assert.Equal("online", n.GetProperty("status").GetString()));
        Assert.Empty(error.Text);
    }

    private static async Task WaitStoredAsync(HttpClient http, string neuron, string type, int wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await http.GetAsync("/api/stream?lastEventId=0", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var seen = 0;
        while (seen < wanted && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(neuron, StringComparison.Ordinal) && line.Contains(type, StringComparison.Ordinal))
            {
                seen++;
            }
        }
    }
}
