using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MQTTnet;
using PiNeurons.Docs.Tests.Running;
using PiNeurons.Testing;

namespace PiNeurons.Docs.Tests.DemoHints;

/// <summary>
/// The lines <c>pineurons demo --stay</c> tells its user to try, run verbatim: each must exit 0 (a subscriber must
/// stay subscribed), and a kick must make its neuron fire, seen by an independent MQTT client and by the
/// subscriber the hints started. Runs inside the private network namespace, where the demo gets 1883 and 8080.
/// </summary>
internal static partial class DemoHintsCheck
{
    private static readonly TimeSpan DemoStart = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    // A hint line is a command when it starts with one of these, or with a path (the CLI names itself by its path
    // when pineurons is not on PATH); the others ("open http://... in a browser") are prose.
    private static readonly string[] Tools = ["mosquitto_pub", "mosquitto_sub", "mosquitto_rr", "pineurons", "dotnet"];

    /// <summary>Runs the check, writes the report to <paramref name="reportPath"/> and to stdout; 0 when nothing failed.</summary>
    public static async Task<int> RunAsync(string reportPath)
    {
        var clock = Stopwatch.StartNew();
        var text = new StringBuilder();
        var failures = new List<string>();
        text.AppendLine("Demo hints: `pineurons demo --stay` (the solution's build) in a private network namespace; each command line it");
        text.AppendLine("  prints is run verbatim by bash; a subscriber must stay subscribed, a kick must make its neuron fire.");
        List<ChildProcess> started = [];
        try
        {
            var environment = DocsEnvironment.Create("demo-hints");
            var demo = Bash.Start("exec pineurons demo --stay", environment.Work, environment.Variables);
            started.Add(demo);
            await demo.WaitForLineAsync(l => l.Contains("until Ctrl+C", StringComparison.Ordinal), DemoStart, "the demo's \"until Ctrl+C\"");
            // Its last hint line ("or point Home Assistant's MQTT integration at this broker..."): every hint is printed once it is.
            await demo.WaitForLineAsync(l => l.StartsWith("  or ", StringComparison.Ordinal), Wait, "the demo's last hint");
            var printed = demo.Lines;
            var hints = printed.SkipWhile(l => !l.Contains("until Ctrl+C", StringComparison.Ordinal)).Skip(1)
                .Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            var address = StaysUpOn().Match(string.Join('\n', printed)) is { Success: true } m
                ? m.Groups[1].Value
                : throw new InvalidOperationException("the demo did not say where its broker is (\"The network stays up on mqtt://...\")");
            var broker = new Uri(address);
            text.AppendLine($"  the demo's broker: {address}");
            await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port, "+/+/events");
            List<(ChildProcess Process, string Filter)> subscribers = [];
            foreach (var hint in hints)
            {
                var program = hint.Split(' ')[0];
                if (!Tools.Contains(program) && !program.StartsWith('/') && !program.StartsWith("'/", StringComparison.Ordinal))
                {
                    text.AppendLine($"  --    {hint}  [prose, not a command]");
                    continue;
                }

                var (ok, detail) = IsSubscriber(hint)
                    ? await SubscribeAsync(hint, environment, probe, started, subscribers)
                    : await RunToExitAsync(hint, environment, probe, subscribers);
                text.AppendLine($"  {(ok ? "ok  " : "FAIL")}  {hint}  [{detail.Split('\n')[0]}]");
                if (!ok)
                {
                    failures.Add($"  `{hint}`\n    {detail.Replace("\n", "\n    | ", StringComparison.Ordinal)}");
                }
            }

            if (!demo.IsRunning)
            {
                failures.Add($"  the demo exited {demo.ExitCode} before its hints were tried; output:\n{demo.Output}");
            }
        }
#pragma warning disable CA1031 // Whatever stops the check is reported, and fails it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failures.Add("  the check itself failed: " + ex);
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }
        }

        if (failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"FAILED ({failures.Count}):");
            failures.ForEach(f => text.AppendLine(f));
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Demo hints check took {clock.Elapsed.TotalSeconds:0.0} s."));
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.WriteAllTextAsync(reportPath, text.ToString());
        Console.WriteLine(text);
        return failures.Count == 0 ? 0 : 1;
    }

    private static bool IsSubscriber(string hint) => hint.StartsWith("mosquitto_sub ", StringComparison.Ordinal) && !CountOption().IsMatch(hint);

    // A subscriber runs until stopped. It is subscribed once it prints a retained message published after it
    // started on a topic its filter matches (retained, so it gets it whenever its subscription lands).
    private static async Task<(bool, string)> SubscribeAsync(
        string hint, DocsEnvironment environment, MqttProbe probe, List<ChildProcess> started, List<(ChildProcess, string)> subscribers)
    {
        var filter = TopicOption().Match(hint) is { Success: true } t ? t.Groups["quoted"].Success ? t.Groups["quoted"].Value : t.Groups["plain"].Value : "#";
        var topic = string.Join('/', filter.Split('/').Select(level => level is "+" or "#" ? "docs-hints" : level));
        var token = "docs-hints-" + Guid.NewGuid().ToString("N");
        var subscriber = Bash.Start(hint, environment.Work, environment.Variables);
        started.Add(subscriber);
        await probe.PublishAsync(topic, token, retain: true);
        try
        {
            await subscriber.WaitForLineAsync(l => l.Contains(token, StringComparison.Ordinal), Wait, $"the retained test message on {topic}");
            subscribers.Add((subscriber, filter));
            return (true, $"subscribed: it printed a retained test message on {topic}; left running");
        }
        catch (TimeoutException ex)
        {
            return (false, $"{(subscriber.IsRunning ? "running, but it printed nothing" : $"exit {subscriber.ExitCode}")}: {ex.Message}");
        }
        finally
        {
            await probe.PublishAsync(topic, string.Empty, retain: true); // an empty retained message clears it
        }
    }

    private static async Task<(bool, string)> RunToExitAsync(string hint, DocsEnvironment environment, MqttProbe probe, List<(ChildProcess Process, string Filter)> subscribers)
    {
        var before = new HashSet<object>(probe.Received, ReferenceEqualityComparer.Instance);
        await using var command = Bash.Start(hint, environment.Work, environment.Variables);
        int code;
        try
        {
            code = await command.WaitForExitAsync(Wait);
        }
        catch (TimeoutException ex)
        {
            return (false, ex.Message);
        }

        if (code != 0)
        {
            await command.WaitForOutputEndAsync(Wait);
            return (false, $"exit {code}; output:\n{command.Output}");
        }

        if (KickTopic().Match(hint) is not { Success: true } kick)
        {
            return (true, "exit 0");
        }

        // The effect the hint promises: the kicked neuron fires.
        var (root, id) = (kick.Groups["root"].Value, kick.Groups["id"].Value);
        var events = $"{root}/{id}/events";
        try
        {
            await probe.WaitForAsync(m => !before.Contains(m) && m.Topic == events && IsFired(m), Wait);
        }
        catch (TimeoutException ex)
        {
            return (false, $"exit 0, but {id} did not fire: no fired event on {events}: {ex.Message}");
        }

        foreach (var (subscriber, filter) in subscribers.Where(s => s.Process.IsRunning && Matches(s.Filter, events)))
        {
            try
            {
                await subscriber.WaitForLineAsync(l => l.StartsWith(events + " ", StringComparison.Ordinal) && l.Contains("\"type\":\"fired\"", StringComparison.Ordinal), Wait, $"{id}'s fired event");
            }
            catch (TimeoutException ex)
            {
                return (false, $"exit 0 and {id} fired, but `{subscriber.Description}` did not show it: {ex.Message}");
            }
        }

        return (true, $"exit 0; {id} fired (seen by an MQTT client and by the subscriber above)");
    }

    private static bool IsFired(MqttApplicationMessage message) => MqttProbe.PayloadOf(message).Contains("\"type\":\"fired\"", StringComparison.Ordinal);

    private static bool Matches(string filter, string topic)
    {
        var (f, t) = (filter.Split('/'), topic.Split('/'));
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }

    [GeneratedRegex(@"The network stays up on (mqtt://\S+?) ")]
    private static partial Regex StaysUpOn();

    [GeneratedRegex(@"\s-C\s")]
    private static partial Regex CountOption();

    [GeneratedRegex(@"\s-t\s+(?:'(?<quoted>[^']*)'|(?<plain>\S+))")]
    private static partial Regex TopicOption();

    [GeneratedRegex(@"\s-t\s+'?(?<root>\S+)/(?<id>[^/\s']+)/kick\b")]
    private static partial Regex KickTopic();
}
