using PiNeurons.Core;
using PiNeurons.Node.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>The node's command line: misconfiguration fails at start with a message and the documented exit code.</summary>
public sealed class NodeOptionsTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Main_UnknownOption_ExitsTwoNamingTheOption()
    {
        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--neurons", "a", "--manifets", "x.yaml");

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("--manifets", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_MissingManifestFile_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.yaml");

        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--manifest", missing, "--node", "pi-x", "--gpio", "simulated");

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains(missing, node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_NodeNotInManifest_ExitsTwoListingTheHosts()
    {
        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--manifest", TempManifest.Xor, "--node", "pi-nope", "--gpio", "simulated");

        Assert.True(node.ExitCode == 2, node.Describe());
        foreach (var host in new[] { "pi-nope", "pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z" })
        {
            Assert.Contains(host, node.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Main_GpioAutoWithoutGpioChip_ExitsSixSayingSoAndSuggestingSimulated()
    {
        if (Directory.EnumerateFiles("/dev", "gpiochip*").Any())
        {
            // xunit 2 has no dynamic skip: on a real Pi, auto opens the chip and this case cannot happen.
            return;
        }

        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--manifest", TempManifest.Xor, "--node", "pi-x", "--gpio", "auto", "--broker", "mqtt://127.0.0.1:1");

        Assert.True(node.ExitCode == ExitCodes.GpioUnavailable, node.Describe());
        Assert.Contains("No GPIO chips were found (no /dev/gpiochip*)", node.Output, StringComparison.Ordinal);
        Assert.Contains("gpio.chip: N or gpio.label: LABEL", node.Output, StringComparison.Ordinal);
        Assert.Contains("--gpio simulated", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_Version_PrintsVersionAndCommitAndExitsZero()
    {
        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--version");

        Assert.True(node.ExitCode == 0, node.Describe());
        Assert.Matches(@"^pineurons-node \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)$", node.Output.Trim());
    }

    [Fact]
    public async Task Main_OptionFromItsEnvironmentVariable_IsReadByTheOneRule()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.yaml");

        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, new Dictionary<string, string> { ["PINEURONS_MANIFEST"] = missing }, "--node", "pi-x", "--gpio", "simulated");

        Assert.True(node.ExitCode == ExitCodes.Usage, node.Describe());
        Assert.Contains(missing, node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_Help_ExitsZeroPrintingUsage()
    {
        await using var node = await NodeProcess.RunToExitAsync(ExitTimeout, "--help");

        Assert.True(node.ExitCode == 0, node.Describe());
        Assert.Contains("Usage:", node.Output, StringComparison.Ordinal);
        Assert.Contains("--manifest", node.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", node.Output, StringComparison.Ordinal);
    }
}
