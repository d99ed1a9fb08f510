using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Network;
using PiNeurons.Core;

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
        string storeKind,
        ProcessStats process)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(latencies);
        ArgumentNullException.ThrowIfNull(process);
        var text = new PrometheusWriter();
        text.Family("pineurons_aggregator_events_ingested_total", "counter", "Events stored, by neuron and type.");
        foreach (var ((neuron, type), count) in metrics.Ingested.OrderBy(k => k.Key.Neuron, StringComparer.Ordinal).ThenBy(k => k.Key.Type, StringComparer.Ordinal))
        {
            text.Sample("pineurons_aggregator_events_ingested_total", $"{PrometheusWriter.Label("neuron", neuron)},{PrometheusWriter.Label("type", type)}", count);
        }

        text.Family("pineurons_aggregator_events_rejected_total", "counter", "Messages on an events topic that could not be stored, by reason.");
        foreach (var (reason, count) in metrics.Rejected.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Sample("pineurons_aggregator_events_rejected_total", PrometheusWriter.Label("reason", reason), count);
        }

        text.Single("pineurons_aggregator_events_duplicate_total", "counter", "Events received that were already stored, skipped: redeliveries, and in ingest mode all the copies other replicas stored first.", metrics.Duplicates);
        text.Single("pineurons_aggregator_seq_gaps_total", "counter", "Event sequence numbers found missing since start.", metrics.Gaps);
        text.Family("pineurons_aggregator_missing_seqs", "gauge", "Sequence numbers still missing in the stored history, by neuron.");
        foreach (var n in neurons.Where(n => n.Counters is not null))
        {
            text.Sample("pineurons_aggregator_missing_seqs", PrometheusWriter.Label("neuron", n.Id), n.Counters!.MissingSeqs);
        }

        text.Family("pineurons_aggregator_ingest_lag_seconds", "histogram", "Time from an event's receipt off the broker to its durable storage.");
        text.Histogram("pineurons_aggregator_ingest_lag_seconds", null, metrics.Lag);
        text.Single("pineurons_aggregator_ingest_lag_last_seconds", "gauge", "Ingest lag of the newest stored event.", metrics.LastLag.TotalSeconds);
        text.Single("pineurons_aggregator_ingest_queue_depth", "gauge", "Messages received and not yet stored.", metrics.QueueDepth);
        text.Single("pineurons_aggregator_store_batches_total", "counter", "Batches committed to the store.", metrics.Batches);
        text.Single("pineurons_aggregator_store_failures_total", "counter", "Attempts to store a batch that failed (the batch is retried, never acknowledged before).", metrics.StoreFailures);
        text.Family("pineurons_aggregator_storage_bytes", "gauge", "Space the event history takes.");
        text.Sample("pineurons_aggregator_storage_bytes", PrometheusWriter.Label("store", storeKind), storageBytes);
        text.Single("pineurons_aggregator_mqtt_connected", "gauge", "1 while the MQTT session is up.", metrics.MqttConnected ? 1 : 0);
        text.Family("pineurons_aggregator_ingest_mode", "gauge", "1 for the way this replica takes the events: shared (an MQTT shared subscription splits them between the replicas of its group) or all (it takes every event, the store keeps one copy).");
        foreach (var mode in new[] { IngestMode.Shared, IngestMode.All })
        {
            text.Sample("pineurons_aggregator_ingest_mode", PrometheusWriter.Label("mode", IngestModeDecision.Label(mode)), metrics.IngestMode == mode ? 1 : 0);
        }

        text.Family("pineurons_aggregator_neurons", "gauge", "Neurons known, by status.");
        foreach (var status in new[] { NeuronStatus.Online, NeuronStatus.Offline, NeuronStatus.Unknown })
        {
            text.Sample("pineurons_aggregator_neurons", PrometheusWriter.Label("status", status.ToString()), neurons.Count(n => n.Status == status));
        }

        text.Family("pineurons_aggregator_neurons_by_liveness", "gauge", "Neurons known, by liveness: online, stale (only retained messages, or 2 heartbeats missed), offline (said so, or 3 heartbeats missed), unknown.");
        foreach (var liveness in new[] { LivenessStates.Online, LivenessStates.Stale, LivenessStates.Offline, LivenessStates.Unknown })
        {
            text.Sample("pineurons_aggregator_neurons_by_liveness", PrometheusWriter.Label("liveness", liveness), neurons.Count(n => n.Liveness.State == liveness));
        }

        EdgeLatencies(text, latencies);
        text.Family("pineurons_aggregator_build_info", "gauge", "Always 1; its labels name the aggregator's version and the git commit it was built from.");
        text.Sample("pineurons_aggregator_build_info", $"{PrometheusWriter.Label("version", BuildInfo.Version)},{PrometheusWriter.Label("revision", BuildInfo.Commit)}", 1);
        ProcessMetrics.Write(text, process);
        return text.ToString();
    }

    private static void EdgeLatencies(PrometheusWriter text, IReadOnlyDictionary<EdgeKey, EdgeLatency> latencies)
    {
        var edges = latencies.OrderBy(kv => kv.Key.From, StringComparer.Ordinal).ThenBy(kv => kv.Key.To, StringComparer.Ordinal).ToList();
        const string Histogram = "pineurons_aggregator_edge_latency_seconds";
        text.Family(Histogram, "histogram", "Delay from a neuron's fired event to the kicked event it caused downstream, by connection, by the two neurons' own clocks; pairs with an unsynchronized clock or a negative delay are left out.");
        foreach (var (key, latency) in edges)
        {
            text.Histogram(Histogram, EdgeLabels(key), InSeconds(latency));
        }

        text.Family("pineurons_aggregator_edge_pairs_unsynchronized_total", "counter", "Fired/kicked pairs not measured because a neuron's clock was unsynchronized, by connection.");
        foreach (var (key, latency) in edges)
        {
            text.Sample("pineurons_aggregator_edge_pairs_unsynchronized_total", EdgeLabels(key), latency.UnsynchronizedPairs);
        }

        text.Family("pineurons_aggregator_edge_pairs_clock_skew_total", "counter", "Fired/kicked pairs not measured because the kick was stamped before the firing (the two clocks disagree), by connection.");
        foreach (var (key, latency) in edges)
        {
            text.Sample("pineurons_aggregator_edge_pairs_clock_skew_total", EdgeLabels(key), latency.SkewedPairs);
        }

        text.Family("pineurons_aggregator_edge_clock_skew_max_seconds", "gauge", "By how much the two clocks of a connection disagreed at most, for connections where they did.");
        foreach (var (key, latency) in edges.Where(kv => kv.Value.MaxSkewMs is not null))
        {
            text.Sample("pineurons_aggregator_edge_clock_skew_max_seconds", EdgeLabels(key), latency.MaxSkewMs!.Value / 1000.0);
        }
    }

    // The API counts in milliseconds over the same bounds; Prometheus's base unit is the second.
    private static HistogramSample InSeconds(EdgeLatency latency) => new(
        [.. LatencyBuckets.BoundsMs.Select(bound => new HistogramBucket(bound / 1000, latency.CountAtMost(bound)))],
        latency.Count,
        latency.SumMs / 1000.0);

    private static string EdgeLabels(EdgeKey key) => $"{PrometheusWriter.Label("from", key.From)},{PrometheusWriter.Label("to", key.To)}";
}
