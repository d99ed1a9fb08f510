using PiNeurons.Testing;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Bench;

/// <summary>The bench commands run and report their figures; no figure is asserted (speed is measured, not tested).</summary>
public sealed class BenchCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task BenchChain_ShortChainOnMosquitto_ReportsHopPercentiles()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--length", "3", "--kicks", "20", "--warmup", "2", "--broker", fixture.Broker.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"per hop \(n\(i\) kick -> n\(i\+1\) kick\):\s+p50\s+\d+ µs\s+p90\s+\d+ µs\s+p99\s+\d+ µs.*\(n=40\)", result.Output);
        Assert.Contains("22 kicks through 3 neurons", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_WithTheLimitsRoundTrip_AddsTheRatios()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--length", "2", "--kicks", "5", "--warmup", "0", "--limit-rtt", "112", "--broker", fixture.Broker.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"against the limit \(half of a 112\.0 µs round trip = 56\.0 µs\):\s+p50 \d+\.\dx\s+p90 \d+\.\dx\s+p99 \d+\.\dx", result.Output);
    }

    [Fact]
    public async Task BenchThroughput_OneSecond_ReportsSentAndProcessedKicks()
    {
        var result = await CliRun.RunAsync("bench", "throughput", "--seconds", "1", "--broker", fixture.Broker.Url, "--limit-rate", "45900");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"sent\s+[1-9]\d* kicks", result.Output);
        Assert.Matches(@"processed\s+[1-9]\d* kicks", result.Output);
        Assert.Matches(@"against the limit \(45,900 msg/s\):\s+processed \d+\.\d\dx", result.Output);
    }

    [Fact]
    public async Task BenchChain_ZeroLimit_IsRefusedWithTheRule()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--limit-rtt", "0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--limit-rtt must be more than 0 microseconds", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_LengthOne_IsRefusedWithTheRule()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--length", "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--length must be from 2 to 1000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_MalformedBroker_IsAUsageErrorNamingTheOption()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--broker", "mqtt://host:notaport");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--broker", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_LengthNotGiven_UsesTheDefaultOfTen()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--kicks", "3", "--warmup", "0", "--broker", fixture.Broker.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("bench chain: 10 neurons", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_NodeBinary_TheChainRunsInThatProcessAndHopsAreReported()
    {
        var node = Path.Combine(AppContext.BaseDirectory, "PiNeurons.Node");

        var result = await CliRun.RunAsync("bench", "chain", "--length", "3", "--kicks", "20", "--warmup", "2", "--node", node, "--broker", fixture.Broker.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"bench chain: 3 neurons in {node} on", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"per hop \(n\(i\) kick -> n\(i\+1\) kick\):\s+p50\s+\d+ µs\s+p90\s+\d+ µs\s+p99\s+\d+ µs.*\(n=40\)", result.Output);
    }

    [Fact]
    public async Task BenchChain_NodeBinaryThatExitsAtOnce_FailsSayingSo()
    {
        var result = await CliRun.RunAsync("bench", "chain", "--length", "2", "--node", "/bin/false");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/bin/false exited with code 1 before its neurons came online", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchChain_NodeBinaryWithALogin_IsAUsageErrorSayingTheNodeJoinsAnonymously()
    {
        var password = Path.Combine(Directory.CreateTempSubdirectory("pineurons-bench-test-").FullName, "password");
        await File.WriteAllTextAsync(password, "secret\n");

        var result = await CliRun.RunAsync("bench", "chain", "--node", "/bin/false", "--broker", fixture.Broker.Url, "--username", "bench", "--password-file", password);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--node: the node process joins the broker without a login or TLS", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchFootprint_TheNodeBesideTheCli_ReportsStartAndPeakMemoryOverTheRuns()
    {
        var result = await CliRun.RunAsync("bench", "footprint", "--runs", "2", "--neurons", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"PiNeurons\.Node run 2/2: online after \d+ ms, peak RSS \d+\.\d MiB", result.Output);
        Assert.Matches(@"exec to all online\s+min \d+ / median \d+ / max \d+ ms \(2 runs\)", result.Output);
        Assert.Matches(@"peak RSS \(VmHWM\)\s+min \d+\.\d / median \d+\.\d / max \d+\.\d MiB \(2 runs\)", result.Output);
        Assert.Matches(@"peak RSS per neuron\s+min \d+ / median \d+ / max \d+ KiB", result.Output);
    }

    [Fact]
    public async Task BenchFootprint_ANodeThatExitsAtOnce_FailsSayingSo()
    {
        var result = await CliRun.RunAsync("bench", "footprint", "--runs", "1", "--node", "/bin/false");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/bin/false exited with code 1 before its neurons came online", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchFootprint_NoSuchNodeBinary_IsAUsageErrorNamingTheOption()
    {
        var result = await CliRun.RunAsync("bench", "footprint", "--node", "/nonexistent/PiNeurons.Node");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--node: no file /nonexistent/PiNeurons.Node", result.Error, StringComparison.Ordinal);
    }
}
