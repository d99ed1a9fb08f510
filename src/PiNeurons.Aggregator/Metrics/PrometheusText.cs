using System.Globalization;
using System.Text;
using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Network;

namespace PiNeurons.Aggregator.Metrics;

/// <summary>Writes the metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    /// <summary>The content type Prometheus expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders every series.</summary>
    public static string Render(
        AggregatorMetrics metrics,
        IReadOnlyList<NeuronSnapshot> neurons,
        IReadOnlyDictionary<EdgeKey, EdgeLatency> latencies,
        long storageBytes,
        string storeKind)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(latencies);
        var text = new StringBuilder(4096);
        Header(text, "pineurons_aggregator_events_ingested_total", "counter", "Events stored, by neuron and type.");
        foreach (var ((neuron, type), count) in metrics.Ingested.OrderBy(k => k.Key.Neuron, StringComparer.Ordinal).ThenBy(k => k.Key.Type, StringComparer.Ordinal))
        {
            Line(text, "pineurons_aggregator_events_ingested_total", $"neuron=\"{Escape(neuron)}\",type=\"{Escape(type)}\"", count);
        }

        Header(text, "pineurons_aggregator_events_rejected_total", "counter", "Messages on an events topic that could not be stored, by reason.");
        foreach (var (reason, count) in metrics.Rejected.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Line(text, "pineurons_aggregator_events_rejected_total", $"reason=\"{Escape(reason)}\"", count);
        }

        Single(text, "pineurons_aggregator_events_duplicate_total", "counter", "Redelivered events that were already stored (skipped).", metrics.Duplicates);
        Single(text, "pineurons_aggregator_seq_gaps_total", "counter", "Event sequence numbers found missing since start.", metrics.Gaps);
        Header(text, "pineurons_aggregator_missing_seqs", "gauge", "Sequence numbers still missing in the stored history, by neuron.");
        foreach (var n in neurons.Where(n => n.Counters is not null))
        {
            Line(text, "pineurons_aggregator_missing_seqs", $"neuron=\"{Escape(n.Id)}\"", n.Counters!.MissingSeqs);
        }

        var (lagCount, lagSum, lagLast) = metrics.Lag;
        Header(text, "pineurons_aggregator_ingest_lag_seconds", "summary", "Time from receipt off the broker to durable storage.");
        Line(text, "pineurons_aggregator_ingest_lag_seconds_sum", null, lagSum.TotalSeconds);
        Line(text, "pineurons_aggregator_ingest_lag_seconds_count", null, lagCount);
        Single(text, "pineurons_aggregator_ingest_lag_last_seconds", "gauge", "Ingest lag of the newest stored event.", lagLast.TotalSeconds);
        Single(text, "pineurons_aggregator_ingest_queue_depth", "gauge", "Messages received and not yet stored.", metrics.QueueDepth);
        Single(text, "pineurons_aggregator_store_batches_total", "counter", "Batches committed to the store.", metrics.Batches);
        Single(text, "pineurons_aggregator_store_failures_total", "counter", "Attempts to store a batch that failed (the batch is retried, never acknowledged before).", metrics.StoreFailures);
        Header(text, "pineurons_aggregator_storage_bytes", "gauge", "Space the event history takes.");
        Line(text, "pineurons_aggregator_storage_bytes", $"store=\"{Escape(storeKind)}\"", storageBytes);
        Single(text, "pineurons_aggregator_mqtt_connected", "gauge", "1 while the MQTT session is up.", metrics.MqttConnected ? 1 : 0);
        Header(text, "pineurons_aggregator_neurons", "gauge", "Neurons known, by status.");
        foreach (var status in new[] { NeuronStatus.Online, NeuronStatus.Offline, NeuronStatus.Unknown })
        {
            Line(text, "pineurons_aggregator_neurons", $"status=\"{status}\"", neurons.Count(n => n.Status == status));
        }

        EdgeLatencies(text, latencies);
        return text.ToString();
    }

    private static void EdgeLatencies(StringBuilder text, IReadOnlyDictionary<EdgeKey, EdgeLatency> latencies)
    {
        var edges = latencies.OrderBy(kv => kv.Key.From, StringComparer.Ordinal).ThenBy(kv => kv.Key.To, StringComparer.Ordinal).ToList();
        const string Histogram = "pineurons_aggregator_edge_latency_seconds";
        Header(text, Histogram, "histogram", "Delay from a neuron's fired event to the kicked event it caused downstream, by connection, by the two neurons' own clocks; pairs with an unsynchronized clock or a negative delay are left out.");
        foreach (var (key, latency) in edges)
        {
            var labels = EdgeLabels(key);
            foreach (var bound in LatencyBuckets.BoundsMs)
            {
                Line(text, Histogram + "_bucket", $"{labels},le=\"{(bound / 1000).ToString("R", CultureInfo.InvariantCulture)}\"", latency.CountAtMost(bound));
            }

            Line(text, Histogram + "_bucket", $"{labels},le=\"+Inf\"", latency.Count);
            Line(text, Histogram + "_sum", labels, latency.SumMs / 1000.0);
            Line(text, Histogram + "_count", labels, latency.Count);
        }

        Header(text, "pineurons_aggregator_edge_pairs_unsynchronized_total", "counter", "Fired/kicked pairs not measured because a neuron's clock was unsynchronized, by connection.");
        foreach (var (key, latency) in edges)
        {
            Line(text, "pineurons_aggregator_edge_pairs_unsynchronized_total", EdgeLabels(key), latency.UnsynchronizedPairs);
        }

        Header(text, "pineurons_aggregator_edge_pairs_clock_skew_total", "counter", "Fired/kicked pairs not measured because the kick was stamped before the firing (the two clocks disagree), by connection.");
        foreach (var (key, latency) in edges)
        {
            Line(text, "pineurons_aggregator_edge_pairs_clock_skew_total", EdgeLabels(key), latency.SkewedPairs);
        }

        Header(text, "pineurons_aggregator_edge_clock_skew_max_seconds", "gauge", "By how much the two clocks of a connection disagreed at most, for connections where they did.");
        foreach (var (key, latency) in edges.Where(kv => kv.Value.MaxSkewMs is not null))
        {
            Line(text, "pineurons_aggregator_edge_clock_skew_max_seconds", EdgeLabels(key), latency.MaxSkewMs!.Value / 1000.0);
        }
    }

    private static string EdgeLabels(EdgeKey key) => $"from=\"{Escape(key.From)}\",to=\"{Escape(key.To)}\"";

    private static void Single(StringBuilder text, string name, string type, string help, double value)
    {
        Header(text, name, type, help);
        Line(text, name, null, value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
