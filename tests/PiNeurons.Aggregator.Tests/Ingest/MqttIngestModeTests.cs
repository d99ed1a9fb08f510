using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PiNeurons.Aggregator.Hosting;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Metrics;

namespace PiNeurons.Aggregator.Tests.Ingest;

/// <summary>What the aggregator says about its ingest mode as each broker session answers whether it allows shared subscriptions.</summary>
public sealed class MqttIngestModeTests
{
    [Fact]
    public async Task OnBrokerSession_BrokerWithoutSharedSubscriptions_IgnoresTheGroupWarningOnceAndReportsAll()
    {
        var settings = AggregatorSettings.Resolve(new AggregatorOptions { SharedGroup = "aggregators", Postgres = "Host=127.0.0.1" });
        var log = new LogLines();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var metrics = new AggregatorMetrics();
        await using var ingest = new MqttIngest(
            settings, new IngestQueue(), metrics, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), loggers, TimeProvider.System);
        var configured = (ingest.Mode, metrics.IngestMode);

        var refused = ingest.OnBrokerSession(brokerAllowsShared: false);
        var refusedAgain = ingest.OnBrokerSession(brokerAllowsShared: false);
        var afterRefusal = (ingest.Mode, metrics.IngestMode);
        var allowed = ingest.OnBrokerSession(brokerAllowsShared: true);

        Assert.Equal((IngestMode.Shared, IngestMode.Shared), configured);
        Assert.Equal(["pineurons/+/events", "pineurons/+/events"], new[] { refused, refusedAgain });
        Assert.Equal((IngestMode.All, IngestMode.All), afterRefusal);
        Assert.Equal("$share/aggregators/pineurons/+/events", allowed);
        Assert.Equal(IngestMode.Shared, metrics.IngestMode);
        var warning = Assert.Single(log.Lines, l => l.EventId == 5109);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("--shared-group aggregators is ignored: the broker mqtt://127.0.0.1:1883 does not support shared subscriptions", warning.Message, StringComparison.Ordinal);
        // The mode each session got, as the log says it, and none before a broker answered.
        Assert.Equal(
            [
                "Connected to mqtt://127.0.0.1:1883: ingest mode all (pineurons/+/events)",
                "Connected to mqtt://127.0.0.1:1883: ingest mode all (pineurons/+/events)",
                "Connected to mqtt://127.0.0.1:1883: ingest mode shared ($share/aggregators/pineurons/+/events)",
            ],
            log.Lines.Where(l => l.EventId == 5110).Select(l => l.Message));
    }

    [Fact]
    public async Task OnBrokerSession_NoGroup_AllWithoutAWarning()
    {
        var settings = AggregatorSettings.Resolve(new AggregatorOptions());
        var log = new LogLines();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var metrics = new AggregatorMetrics();
        await using var ingest = new MqttIngest(
            settings, new IngestQueue(), metrics, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), loggers, TimeProvider.System);

        var filter = ingest.OnBrokerSession(brokerAllowsShared: false);

        Assert.Equal("pineurons/+/events", filter);
        Assert.Equal(IngestMode.All, metrics.IngestMode);
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Warning);
    }
}
