using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Metrics;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Api;

/// <summary><c>GET /healthz</c> and <c>GET /metrics</c>.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (MqttIngest mqtt, IngestWriter writer, IEventStore store) =>
        {
            var healthy = mqtt.IsConnected && writer.StoreHealthy;
            var model = new HealthModel(
                healthy ? "ok" : "degraded",
                mqtt.IsConnected ? "connected" : "disconnected",
                writer.StoreHealthy ? store.Kind : $"{store.Kind} failing",
                IngestModeDecision.Label(mqtt.Mode));
            return TypedResults.Json(model, ApiJsonContext.Default.HealthModel, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/metrics", async (AggregatorMetrics metrics, IngestQueue queue, NetworkView view, EdgeLatencyTracker latency, IEventStore store, ProcessStatsReader process, CancellationToken ct) =>
        {
            metrics.QueueDepth = queue.Count;
            var size = await store.GetSizeBytesAsync(ct);
            return TypedResults.Text(PrometheusText.Render(metrics, view.Snapshot(), latency.Snapshot(), size, store.Kind, process.Read()), PrometheusText.ContentType);
        });
    }
}
