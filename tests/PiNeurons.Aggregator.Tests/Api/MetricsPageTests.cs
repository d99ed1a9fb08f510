using System.Globalization;
using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// The whole /metrics page of a real aggregator on a real Mosquitto, after events of every kind, read by Prometheus's
/// own checker: what a Prometheus server scraping it would accept, and its linter's conventions.
/// </summary>
public sealed class MetricsPageTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync(fixture.Broker);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterFiredKickedAndLearnedEvents_PassPromtoolCheckMetrics()
    {
        var promtool = ProgramPath.Find("promtool", "promtool is missing: test.sh installs it as root (Debian's prometheus package)");
        await _api.Neurons.StateAsync("x", 0.9, ["h1"], "{}");
        await _api.Neurons.StateAsync("h1", 0.9, [], "{\"x\":1}", learning: ProtocolPublisher.Perceptron);
        await _api.Neurons.StatusAsync("x", "online");
        await _api.Neurons.EventAsync("x", 1, "fired", "external", ProtocolPublisher.T0, hop: 1);
        await _api.Neurons.EventAsync("h1", 1, "kicked", "x", ProtocolPublisher.T0.AddMilliseconds(4), hop: 1);
        await _api.Neurons.LearnedAsync("h1", 2, "x", 1, 1.1);
        await _api.Neurons.RawEventAsync("x", "not json");

        var page = await Eventually.MatchAsync(
            _api.Factory,
            () => _api.Http.GetStringAsync("/metrics"),
            m => m.Contains("pineurons_aggregator_edge_latency_seconds_count{from=\"x\",to=\"h1\"} 1\n", StringComparison.Ordinal)
                && m.Contains("pineurons_aggregator_events_ingested_total{neuron=\"h1\",type=\"learned\"} 1\n", StringComparison.Ordinal)
                && m.Contains("reason=\"malformed-json\"", StringComparison.Ordinal),
            "the pair, the learned event and the rejection in /metrics");
        var file = Path.Combine(_api.Factory.StateDir, "metrics.txt");
        await File.WriteAllTextAsync(file, page);
        var check = await Bash.RunAsync($"'{promtool}' check metrics < '{file}'", TimeSpan.FromSeconds(60));

        Assert.True(check.ExitCode == 0 && check.StandardOutput.Length == 0 && check.StandardError.Length == 0, $"promtool check metrics: exit {check.ExitCode}\n{check.StandardOutput}{check.StandardError}\nthe page:\n{page}");
        Assert.Contains("pineurons_aggregator_ingest_lag_seconds_count 3\n", page, StringComparison.Ordinal);
        // One aggregator without a shared group takes every event.
        Assert.Contains("pineurons_aggregator_ingest_mode{mode=\"shared\"} 0\npineurons_aggregator_ingest_mode{mode=\"all\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains($"pineurons_aggregator_build_info{{version=\"{BuildInfo.Version}\",revision=\"{BuildInfo.Commit}\"}} 1\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnLinux_GiveTheProcessFiguresUnderTheStandardNames()
    {
        var page = await _api.Http.GetStringAsync("/metrics");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        foreach (var (name, type) in new[]
        {
            ("process_cpu_seconds_total", "counter"), ("process_resident_memory_bytes", "gauge"), ("process_virtual_memory_bytes", "gauge"),
            ("process_open_fds", "gauge"), ("process_max_fds", "gauge"), ("process_start_time_seconds", "gauge"),
        })
        {
            Assert.Contains($"# TYPE {name} {type}\n", page, StringComparison.Ordinal);
            Assert.True(Value(page, name) > 0, name);
        }

        // The test host is the aggregator's process: it started before this test and within the last day.
        Assert.InRange(Value(page, "process_start_time_seconds"), now - 86_400, now);
        Assert.True(Value(page, "process_resident_memory_bytes") < Value(page, "process_virtual_memory_bytes"));
        Assert.True(Value(page, "process_open_fds") <= Value(page, "process_max_fds"));
    }

    private static double Value(string page, string name)
    {
        var line = page.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
