using PiNeurons.Cli.Tests.Commands;
using PiNeurons.Core;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// One operator login used by several tools at once, as the README's walkthrough does (<c>pineurons watch</c> in one
/// terminal, <c>pineurons kick</c> in another), on the TLS listener of a broker running the generated dynamic-security
/// file: the operator's login is pinned to no client id, so each tool's connection stands beside the others. (With
/// <c>use_username_as_clientid</c> on that listener, the kick's connection took the watch's over and the watch died.)
/// </summary>
public sealed class SharedOperatorLoginTests(GeneratedSecrets secrets) : IClassFixture<GeneratedSecrets>
{
    private readonly SecretsOutput _out = secrets.Out;

    [Fact]
    public async Task WatchThenKick_SameOperatorLogin_TheWatchLivesOnAndShowsTheKicksEvent()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_out.Dir);
        await using var _ = broker;
        string[] login =
        [
            "--broker", $"mqtts://127.0.0.1:{tls}", "--ca-file", _out.PathOf("ca.crt"),
            "--username", "operator", "--password-file", _out.PathOf("passwords/operator"),
        ];
        // The neuron, played by a probe with h1's own login: online (so kick needs no --force), and answering a kick.
        await using var h1 = await LockedBroker.NeuronLoginAsync(_out, broker.Port, "h1", "pineurons/h1/kick");
        await h1.PublishAsync("pineurons/h1/status", "online", retain: true);

        var (watchExit, watchOutput, watchError) = CliRun.Start(["watch", "h1", "--count", "1", .. login]);
        await watchError.WaitForAsync("watching");
        var kick = await CliRun.RunAsync(["kick", "h1", .. login]);
        await h1.WaitForAsync("pineurons/h1/kick");
        await h1.PublishAsync("pineurons/h1/events", """{"id":"h1","seq":7,"type":"kicked","from":"external","at":"2026-11-27T18:00:00.123Z"}""");

        Assert.True(kick.ExitCode == ExitCodes.Ok, kick.ToString());
        // Whichever comes first: the event's line, or the end of a watch whose connection was taken.
        var printed = watchOutput.WaitForAsync("#7  kicked");
        await Task.WhenAny(printed, watchExit);
        Assert.True(printed.IsCompletedSuccessfully, $"the watch ended before the kick's event:\n{watchOutput.Text}{watchError.Text}");
        Assert.True(await watchExit.WaitAsync(TimeSpan.FromSeconds(10)) == ExitCodes.Ok, $"watch:\n{watchOutput.Text}{watchError.Text}");
        Assert.Contains("h1   status      online", watchOutput.Text, StringComparison.Ordinal);
    }
}
