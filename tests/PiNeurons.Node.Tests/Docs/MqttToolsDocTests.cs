using System.Globalization;
using System.Text.Json;
using MQTTnet;
using PiNeurons.Node.Tests.NodeRed;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Docs;

/// <summary>
/// docs/mqtt-tools.md's mosquitto walk-through, run line by line as written (plus <c>-p PORT</c>) against
/// real neurons x and z: a command that stops working fails here before it fails a reader. The doc's
/// topics use the default root <c>pineurons</c>, so the test runs its own Mosquitto.
/// </summary>
public sealed class MqttToolsDocTests
{
    private static readonly TimeSpan Timeout = Scenario.Timeout;

    [Fact]
    public async Task MosquittoWalkthrough_RunAsWritten_NeuronsDoWhatTheDocSays()
    {
        var commands = WalkthroughCommands();
        var watch = Assert.Single(commands, c => c.StartsWith("mosquitto_sub ", StringComparison.Ordinal));
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Url, "pineurons/#");
        await using var node = NodeProcess.Start("--neurons", "x,z", "--broker", broker.Url, "--root", "pineurons");
        await WaitAsync(probe, m => m.Topic == "pineurons/x/status" && MqttProbe.PayloadOf(m) == "online", "x online", node);
        await WaitAsync(probe, m => m.Topic == "pineurons/z/status" && MqttProbe.PayloadOf(m) == "online", "z online", node);
        // -d makes mosquitto_sub say when its subscription is in place (its event lines are unchanged), and
        // stdbuf lets that line through a pipe at once: mosquitto_sub flushes only after a message.
        await using var watcher = Bash.Start("exec stdbuf -oL " + WithPort(watch, broker.Port) + " -d");
        await watcher.WaitForLineAsync(l => l.Contains("SUBACK", StringComparison.Ordinal), Timeout, "the watcher's SUBACK");

        string? reply = null;
        foreach (var command in commands.Where(c => c != watch))
        {
            // One at a time, each awaited to its effect, as a reader types them: fired at once after the
            // kick, z would still be refractory when x's kick reached it.
            var before = new HashSet<object>(probe.Received, ReferenceEqualityComparer.Instance);
            var isRequest = command.StartsWith("mosquitto_rr ", StringComparison.Ordinal);
            var (exitCode, output) = await RunAsync(WithPort(command, broker.Port) + (isRequest ? " -W 20" : string.Empty));
            Assert.True(exitCode == 0, $"`{command}` exited {exitCode}: {output}\n{node.Describe()}");
            reply = isRequest ? output : reply;
            foreach (var (id, type, from) in EffectsOf(command))
            {
                await WaitAsync(probe, m => !before.Contains(m) && IsEvent(m, id, type, from), $"{type} event of {id} from {from} after `{command}`", node);
            }
        }

        await watcher.WaitForLineAsync(
            l => l.StartsWith("pineurons/z/events ", StringComparison.Ordinal) && l.Contains("\"from\":\"x\"", StringComparison.Ordinal),
            Timeout,
            "z's event from x in the watcher");
        var state = JsonDocument.Parse(reply!).RootElement;
        Assert.Equal("z", state.GetProperty("id").GetString());
        Assert.Equal(1, state.GetProperty("config").GetProperty("weights").GetProperty("x").GetDouble());
    }

    // The fenced block after the comment that names this test: one command per line, comments skipped.
    private static List<string> WalkthroughCommands()
    {
        var lines = File.ReadAllLines(Path.Combine(NodeRedProcess.RepoRoot, "docs", "mqtt-tools.md"));
        var marker = Array.FindIndex(lines, l => l.Contains(nameof(MqttToolsDocTests) + ".cs", StringComparison.Ordinal));
        Assert.True(marker >= 0, "docs/mqtt-tools.md no longer names this test above its walk-through");
        var start = Array.FindIndex(lines, marker, l => l.StartsWith("```sh", StringComparison.Ordinal)) + 1;
        var end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        return [.. lines[start..end].Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    // What each command of the walk-through must make the neurons say (what the doc's text promises).
    private static (string Id, string Type, string From)[] EffectsOf(string command) => command switch
    {
        _ when command.Contains(" -t pineurons/x/set ", StringComparison.Ordinal) => [("x", "config", "set")],
        _ when command.Contains(" -t pineurons/z/set ", StringComparison.Ordinal) => [("z", "config", "set")],
        _ when command.Contains(" -t pineurons/x/kick ", StringComparison.Ordinal) =>
            [("x", "kicked", "external"), ("x", "fired", "external"), ("z", "kicked", "x"), ("z", "fired", "x")],
        _ when command.Contains(" -t pineurons/z/fire ", StringComparison.Ordinal) => [("z", "fired", "fire")],
        _ when command.StartsWith("mosquitto_rr ", StringComparison.Ordinal) => [],
        _ => throw new InvalidOperationException($"docs/mqtt-tools.md has a new command `{command}`: say here what it must do"),
    };

    private static string WithPort(string command, int port)
    {
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"{command[..space]} -p {port}{command[space..]}");
    }

    private static bool IsEvent(MqttApplicationMessage m, string id, string type, string from) =>
        m.Topic == $"pineurons/{id}/events" && Scenario.Json(m) is { } e && Scenario.Text(e, "type") == type && Scenario.Text(e, "from") == from;

    // Through bash, so the doc's quoting is read exactly as a reader's shell reads it.
    private static async Task<(int ExitCode, string Output)> RunAsync(string commandLine)
    {
        var result = await ShellCommand.RunAsync("exec " + commandLine, Timeout);
        return (result.ExitCode, result.Output + result.Error);
    }

    private static async Task WaitAsync(MqttProbe probe, Func<MqttApplicationMessage, bool> predicate, string what, NodeProcess node)
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
