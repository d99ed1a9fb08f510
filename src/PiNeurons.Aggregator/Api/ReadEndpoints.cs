using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Api;

/// <summary><c>GET /api/neurons</c>, <c>/api/neurons/{id}</c>, <c>/api/topology</c>, <c>/api/events</c>.</summary>
internal static class ReadEndpoints
{
    public static void MapReadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/neurons", (NetworkView view) =>
            TypedResults.Json<IReadOnlyList<NeuronModel>>([.. view.Snapshot().Select(NeuronModel.From)], ApiJsonContext.Default.IReadOnlyListNeuronModel));

        app.MapGet("/api/neurons/{id}", IResult (string id, NetworkView view) =>
        {
            if (!NeuronId.IsValid(id))
            {
                return Error(StatusCodes.Status400BadRequest, $"'{id}' is not a neuron id ({NeuronId.Rule})");
            }

            return view.Get(id) is { } n
                ? TypedResults.Json(NeuronModel.From(n), ApiJsonContext.Default.NeuronModel)
                : Error(StatusCodes.Status404NotFound, $"no neuron '{id}' has been seen under this root");
        });

        app.MapGet("/api/topology", (NetworkView view, EdgeLatencyTracker latency) =>
            TypedResults.Json(TopologyLayout.Build(view.Snapshot(), latency.Snapshot()), ApiJsonContext.Default.Topology));

        app.MapGet("/api/events", async Task<IResult> (HttpRequest request, IEventStore store, CancellationToken ct) =>
        {
            var query = ApiRequests.ParseEventQuery(request.Query, out var error);
            if (error is not null)
            {
                return Error(StatusCodes.Status400BadRequest, error);
            }

            var rows = await store.QueryAsync(query, ct);
            var next = rows.Count == query.Limit ? ApiRequests.NextLink(query, rows[^1].Id) : null;
            return TypedResults.Json(new EventPageModel([.. rows.Select(EventModel.Of)], next), ApiJsonContext.Default.EventPageModel);
        });
    }

    public static IResult Error(int status, string message) =>
        TypedResults.Json(new ErrorModel(message), ApiJsonContext.Default.ErrorModel, statusCode: status);
}
