using System.Globalization;
using System.Text;
using System.Threading.Channels;
using PiNeurons.Aggregator.Live;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Api;

/// <summary>
/// <c>GET /api/stream</c>: Server-Sent Events. A client resuming with <c>Last-Event-ID</c> (or
/// <c>?lastEventId=</c>, for a first connection that already loaded a page of history) first gets every
/// stored event after that id from the store, then the live ones, with nothing lost or repeated between.
/// </summary>
internal static class StreamEndpoint
{
    private const int ReplayPage = 1000;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stream", StreamAsync);

    private static async Task StreamAsync(HttpContext context, LiveBroadcaster broadcaster, IEventStore store)
    {
        var ct = context.RequestAborted;
        var lastText = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["lastEventId"].FirstOrDefault();
        long? last = null;
        if (lastText is not null)
        {
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync($"Last-Event-ID '{lastText}' is not an event id", ct);
                return;
            }

            last = parsed;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // Subscribe before replaying, so an event stored during the replay is in the live feed too;
        // ids already replayed are skipped below.
        using var subscription = broadcaster.Subscribe();
        await context.Response.WriteAsync(": connected\n\n", ct);
        long? replayedUpTo = null;
        if (last is { } sent)
        {
            while (true)
            {
                var rows = await store.ReadAfterAsync(sent, ReplayPage, ct);
                foreach (var row in rows)
                {
                    await WriteAsync(context.Response, LiveFeed.ToMessage(row), ct);
                    sent = row.Id;
                }

                if (rows.Count < ReplayPage)
                {
                    break;
                }
            }

            replayedUpTo = sent;
        }

        await context.Response.Body.FlushAsync(ct);
        try
        {
            await PumpAsync(context.Response, subscription.Reader, replayedUpTo, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (ChannelClosedException)
        {
            // Too slow: ending the response makes the browser reconnect with Last-Event-ID.
        }
    }

    private static async Task PumpAsync(HttpResponse response, ChannelReader<LiveMessage> reader, long? replayedUpTo, CancellationToken ct)
    {
        while (true)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(KeepAlive);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", ct);
                await response.Body.FlushAsync(ct);
                continue;
            }

            if (!more)
            {
                // Completed with an error when too slow; ReadAsync rethrows it as ChannelClosedException.
                await reader.ReadAsync(ct);
                return;
            }

            while (reader.TryRead(out var message))
            {
                if (message.Id is { } id && id <= replayedUpTo)
                {
                    continue;
                }

                await WriteAsync(response, message, ct);
            }

            await response.Body.FlushAsync(ct);
        }
    }

    private static Task WriteAsync(HttpResponse response, LiveMessage message, CancellationToken ct)
    {
        var text = new StringBuilder(message.Data.Length + 64);
        if (message.Id is { } id)
        {
            text.Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("event: ").Append(message.Name).Append('\n');
        // The JSON is serialized on one line, so one data line carries it.
        text.Append("data: ").Append(message.Data).Append("\n\n");
        return response.WriteAsync(text.ToString(), ct);
    }
}
