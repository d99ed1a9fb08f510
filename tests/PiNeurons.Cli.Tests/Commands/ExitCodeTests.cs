using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

public class ExitCodeTests
{
    [Theory]
    [InlineData("kick", "bad/id")]
    [InlineData("fire", "h#1")]
    [InlineData("query", "")]
    [InlineData("set", "a+b", "threshold=1")]
    [InlineData("watch", "ok", "no way")]
    public async Task InvalidId_ExitsUsageWithoutConnecting(params string[] args)
    {
        var result = await CliRun.RunAsync([.. args, "--broker", "mqtt://127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is not valid: use 1 to 64 characters of A-Z a-z 0-9 _ -", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KickFromInvalidSource_ExitsUsage()
    {
        var result = await CliRun.RunAsync("kick", "h1", "--from", "a/b", "--broker", "mqtt://127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--from 'a/b' is not a valid source", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadBrokerUrl_ExitsUsage()
    {
        var result = await CliRun.RunAsync("fire", "h1", "--broker", "http://x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--broker", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kick", "h1")]
    [InlineData("fire", "h1")]
    [InlineData("query", "h1")]
    [InlineData("set", "h1", "threshold=1")]
    [InlineData("watch")]
    public async Task ClosedPort_ExitsBrokerUnreachable(params string[] args)
    {
        var url = $"mqtt://127.0.0.1:{FreePort.Pick()}";

        var result = await CliRun.RunAsync([.. args, "--broker", url, "--timeout", "2"]);

        Assert.Equal(ExitCodes.BrokerUnreachable, result.ExitCode);
        Assert.Contains($"cannot reach the broker at {url}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExplainsWithAnExample()
    {
        var result = await CliRun.RunAsync("kick", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example: pineurons kick h1 --from x", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsVersionAndCommit()
    {
        var result = await CliRun.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"^pineurons \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)$", result.Output.Trim());
    }

    [Theory]
    [InlineData("Required argument missing for command: 'kick'.", "kick")]
    [InlineData("Unrecognized command or argument '--bogus'.", "kick", "x", "--bogus")]
    [InlineData("Option '--manifest' is required.", "apply")]
    [InlineData("Unrecognized command or argument 'frobnicate'.", "frobnicate")]
    public async Task BadCommandLine_ExitsUsageWithTheProblemAndWhereHelpIs(string problem, params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(problem, lines);
        Assert.Matches(@"^Run 'pineurons( \w+)? --help' for its options and an example\.$", lines[^1]);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("--port", "99999")]
    [InlineData("--http-port", "-1")]
    public async Task Demo_PortOutOfRange_ExitsUsageNamingIt(string option, string value)
    {
        var result = await CliRun.RunAsync("demo", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"{option} {value} is not a TCP port (0 to 65535)", result.Error.Trim());
    }

    [Fact]
    public async Task OfflineCommands_DoNotListConnectionOptions()
    {
        foreach (var command in new[] { "flash", "secrets" })
        {
            var help = (await CliRun.RunAsync(command, "--help")).Output;

            var options = help.Split('\n').Select(l => l.TrimStart().Split(' ')[0]).ToList();
            Assert.DoesNotContain("--broker", options);
            Assert.DoesNotContain("--timeout", options);
            Assert.DoesNotContain("--username", options);
        }

        var flash = (await CliRun.RunAsync("flash", "--help")).Output;
        Assert.Single(flash.Split('\n'), l => l.TrimStart().StartsWith("--ca-file", StringComparison.Ordinal));
        Assert.Single(flash.Split('\n'), l => l.TrimStart().StartsWith("--insecure", StringComparison.Ordinal));
    }
}
