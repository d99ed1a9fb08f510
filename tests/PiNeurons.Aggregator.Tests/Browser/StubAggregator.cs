using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PiNeurons.Aggregator.Api;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>A POST the page sent to /api/neurons/{id}/kick|fire.</summary>
internal sealed record RecordedCommand(string Neuron, string Action, string? Authorization, int Status);

/// <summary>
/// A stand-in for the aggregator that answers docs/aggregator-api.md from canned data, so the page is tested
/// alone: it serves the page embedded in the real aggregator assembly (through its own endpoints), the read API, an SSE stream the test
/// pushes into, and the kick/fire commands (recorded; the operator token enforced when set).
/// </summary>
internal sealed class StubAggregator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StubNeuron> _neurons;
    private readonly List<StoredEvent> _events = [];
    private readonly List<Channel<string>> _subscribers = [];
    private readonly List<RecordedCommand> _commands = [];
    private readonly List<string> _eventQueries = [];
    private readonly List<string> _lastEventIds = [];
    private long _nextEventId = 1;

    private StubAggregator(WebApplication app, IEnumerable<StubNeuron> neurons)
    {
        _app = app;
        _neurons = neurons.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>When set, kick and fire answer 401 unless the request carries <c>Authorization: Bearer</c> this.</summary>
    public string? OperatorToken { get; set; }

    /// <summary>When set, every authorised command fails with this status and <c>{"error": reason}</c>.</summary>
    public (int Status, string Error)? CommandFailure { get; set; }

    /// <summary>Every command received, in order.</summary>
    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The query strings of every GET /api/events, in order.</summary>
    public IReadOnlyList<string> EventQueries
    {
        get
        {
            lock (_gate)
            {
                return [.. _eventQueries];
            }
        }
    }

    public static async Task<StubAggregator> StartAsync(IEnumerable<StubNeuron> neurons)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubAggregator(app, neurons);
        stub.Map();
        await app.StartAsync();
        stub.Address = new Uri(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return stub;
    }

    /// <summary>Stores an event (as the aggregator would have from MQTT) without streaming it, e.g. history.</summary>
    public long AddHistory(string neuron, string type, string? from = null, int? hop = null, string? reason = null) =>
        Store(neuron, type, from, hop, reason).Id;

    /// <summary>Stores an event and streams it to every open /api/stream as a <c>neuron-event</c>.</summary>
    public long PushEvent(string neuron, string type, string? from = null, int? hop = null, string? reason = null)
    {
        var e = Store(neuron, type, from, hop, reason);
        Broadcast($"id: {e.Id}\nevent: neuron-event\ndata: {JsonSerializer.Serialize(e, Json)}\n\n");
        return e.Id;
    }

    /// <summary>Changes a neuron (or adds one) and streams it as a <c>neuron</c> message.</summary>
    public void PushNeuron(StubNeuron neuron)
    {
        object body;
        lock (_gate)
        {
            _neurons[neuron.Id] = neuron;
            body = NeuronJson(neuron);
        }

        Broadcast($"event: neuron\ndata: {JsonSerializer.Serialize(body, Json)}\n\n");
    }

    /// <summary>Every Last-Event-ID a (re)connecting /api/stream sent, in order.</summary>
    public IReadOnlyList<string> LastEventIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _lastEventIds];
            }
        }
    }

    /// <summary>Ends every open /api/stream response, as a restart or a network cut would; browsers reconnect.</summary>
    public void DropStreams()
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryComplete();
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void Map()
    {
        // The page as the aggregator serves it: every file, with the same content types and headers.
        _app.MapPageEndpoints();
        _app.MapGet("/api/neurons", () =>
        {
            lock (_gate)
            {
                return Results.Json(_neurons.Values.OrderBy(n => n.Id, StringComparer.Ordinal).Select(NeuronJson).ToList(), Json);
            }
        });
        _app.MapGet("/api/topology", () =>
        {
            lock (_gate)
            {
                return Results.Json(Topology(), Json);
            }
        });
        _app.MapGet("/api/events", (HttpContext context) => Events(context.Request.Query));
        _app.MapGet("/api/stream", StreamAsync);
        _app.MapPost("/api/neurons/{id}/{action}", (string id, string action, HttpContext context) => Command(id, action, context));
    }

    private StoredEvent Store(string neuron, string type, string? from, int? hop, string? reason)
    {
        lock (_gate)
        {
            var now = Iso(TimeProvider.System.GetUtcNow());
            var n = _neurons.TryGetValue(neuron, out var known) ? known : null;
            var seq = n is null ? 1 : ++n.LastSeq;
            if (n is not null)
            {
                n.LastSeen = now;
                n.Kicks += type == "kicked" ? 1 : 0;
                n.Fires += type == "fired" ? 1 : 0;
                n.FiredCount += type == "fired" ? 1 : 0;
                n.Errors += type == "error" ? 1 : 0;
            }

            var e = new StoredEvent(_nextEventId++, neuron, seq, type, from, now, hop, reason, now);
            _events.Add(e);
            return e;
        }
    }

    private void Broadcast(string frame)
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(frame);
            }
        }
    }

    private object NeuronJson(StubNeuron n) => new
    {
        id = n.Id,
        status = n.Status,
        liveness = n.Liveness,
        livenessReason = n.LivenessReason,
        lastHeardAt = n.LastHeardAt,
        heartbeatSeconds = n.HeartbeatSeconds,
        version = n.Version,
        state = new
        {
            id = n.Id,
            output = 0,
            potential = 0.0,
            firedCount = n.FiredCount,
            lastFiredAt = (string?)null,
            config = new
            {
                threshold = n.Threshold,
                weights = n.Weights,
                connections = n.Connections,
                refractoryMs = 100,
                inputLastingMs = 500,
                integrationWindowMs = 150,
                maxHops = 64,
                maxFiresPerSecond = 1000,
            },
        },
        counters = n.LastSeq == 0 && n.MissingSeqs == 0
            ? null
            : new
            {
                events = n.LastSeq - n.MissingSeqs,
                kicks = n.Kicks,
                fires = n.Fires,
                refractory = 0,
                errors = n.Errors,
                lastSeq = n.LastSeq,
                missingSeqs = n.MissingSeqs,
                lastSeen = n.LastSeen,
            },
    };

    private object Topology()
    {
        var layers = StubNetwork.Layers(_neurons.Values);
        var versions = VersionSpread.Of(_neurons.Values.Select(n => (n.Id, n.Version)));
        return new
        {
            nodes = _neurons.Values.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => new
            {
                id = n.Id,
                layer = layers[n.Id],
                status = n.Status,
                threshold = n.Threshold,
                firedCount = n.FiredCount,
                missingSeqs = n.MissingSeqs,
            }).ToList(),
            edges = _neurons.Values
                .SelectMany(n => n.Connections.Select(to => new
                {
                    from = n.Id,
                    to,
                    weight = _neurons.TryGetValue(to, out var target) ? target.Weights.GetValueOrDefault(n.Id) : (double?)null,
                }))
                .ToList(),
            versions = versions.Groups,
            mixedVersions = versions.Mixed,
        };
    }

    private IResult Events(IQueryCollection query)
    {
        var neuron = query["neuron"].FirstOrDefault();
        var type = query["type"].FirstOrDefault();
        var limit = int.TryParse(query["limit"].FirstOrDefault(), CultureInfo.InvariantCulture, out var l) ? l : 100;
        long? before = long.TryParse(query["before"].FirstOrDefault(), CultureInfo.InvariantCulture, out var b) ? b : null;
        if (limit is < 1 or > 1000)
        {
            return Results.Json(new { error = "limit must be 1..1000" }, Json, statusCode: 400);
        }

        lock (_gate)
        {
            _eventQueries.Add(query.Count == 0 ? string.Empty : string.Join('&', query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}")));
            var matching = _events
                .Where(e => (string.IsNullOrEmpty(neuron) || e.Neuron == neuron) && (string.IsNullOrEmpty(type) || e.Type == type))
                .Where(e => before is null || e.Id < before)
                .OrderByDescending(e => e.Id)
                .ToList();
            var page = matching.Take(limit).ToList();
            var next = matching.Count > limit
                ? $"/api/events?neuron={neuron}&type={type}&limit={limit}&before={page[^1].Id}"
                : null;
            return Results.Json(new { events = page, next }, Json);
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            // As the aggregator does: a reconnect with Last-Event-ID first gets what it missed.
            var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
            if (lastEventId is not null)
            {
                _lastEventIds.Add(lastEventId);
            }

            if (long.TryParse(lastEventId, CultureInfo.InvariantCulture, out var last))
            {
                foreach (var e in _events.Where(e => e.Id > last))
                {
                    channel.Writer.TryWrite($"id: {e.Id}\nevent: neuron-event\ndata: {JsonSerializer.Serialize(e, Json)}\n\n");
                }
            }

            _subscribers.Add(channel);
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            // A short retry keeps the reconnect test quick; the page relies on no particular value.
            await context.Response.WriteAsync("retry: 300\n: connected\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var frame in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(frame, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    private IResult Command(string id, string action, HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        int status;
        IResult result;
        lock (_gate)
        {
            if (action is not ("kick" or "fire"))
            {
                (status, result) = (404, Results.Json(new { error = $"unknown command '{action}'" }, Json, statusCode: 404));
            }
            else if (OperatorToken is { } token && authorization != $"Bearer {token}")
            {
                (status, result) = (401, Results.Json(new { error = "operator token required" }, Json, statusCode: 401));
            }
            else if (CommandFailure is { } failure)
            {
                (status, result) = (failure.Status, Results.Json(new { error = failure.Error }, Json, statusCode: failure.Status));
            }
            else if (!_neurons.ContainsKey(id))
            {
                (status, result) = (404, Results.Json(new { error = $"unknown neuron '{id}'" }, Json, statusCode: 404));
            }
            else
            {
                (status, result) = (202, Results.Json(new { topic = $"pineurons/{id}/{action}" }, Json, statusCode: 202));
            }

            _commands.Add(new RecordedCommand(id, action, authorization, status));
        }

        return result;
    }

    /// <summary>An event as /api/events and /api/stream give it.</summary>
    private sealed record StoredEvent(long Id, string Neuron, long Seq, string Type, string? From, string At, int? Hop, string? Reason, string ReceivedAt);
}
