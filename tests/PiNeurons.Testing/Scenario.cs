using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;
namespace PiNeurons.Testing;

/// <summary>
/// One test's view of the system, as an MQTT user sees it: a topic root of its own on a shared broker (a Mosquitto,
/// or the nodes of a clustered broker), a probe subscribed to everything under that root, and the node processes it
/// started (their output goes into every timeout message).
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    /// <summary>How long any single wait may take: generous, since node processes start in parallel.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<NodeProcess> _nodes = [];
    private readonly string[] _filters;
    private readonly IReadOnlyList<string> _brokerArguments;
    private readonly Func<string[], Task<MqttProbe>> _connectProbe;
    private MqttProbe _probe;

    private Scenario(IReadOnlyList<string> brokerArguments, Func<string[], Task<MqttProbe>> connectProbe, string root, MqttProbe probe, string[] filters)
    {
        _brokerArguments = brokerArguments;
        _connectProbe = connectProbe;
        Root = root;
        _probe = probe;
        _filters = filters;
    }

    /// <summary>This test's topic root (<c>--root</c>).</summary>
    public string Root { get; }

    /// <summary>The probe subscribed to <c>&lt;root&gt;/#</c>.</summary>
    public MqttProbe Probe => _probe;

    /// <summary>Connects a probe to <c>&lt;root&gt;/#</c> under a fresh root.</summary>
    public static Task<Scenario> StartAsync(MosquittoBroker broker) => StartAsync(broker, "#");

    /// <summary>Connects a probe to the given filters below a fresh root (<c>"+/status"</c> is
    /// <c>&lt;root&gt;/+/status</c>), for tests whose traffic is too heavy to record all of it.</summary>
    public static Task<Scenario> StartAsync(MosquittoBroker broker, params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return StartAsync(["--broker", broker.Url], subscriptions => MqttProbe.ConnectAsync(broker.Url, subscriptions), filters);
    }

    /// <summary>
    /// A scenario on any broker: <paramref name="brokerArguments"/> go to every node (<c>--broker</c> and a login),
    /// <paramref name="connectProbe"/> connects the probe with the given subscriptions (and again after
    /// <see cref="ReconnectProbeAsync"/>); no filters means everything under the root.
    /// </summary>
    public static async Task<Scenario> StartAsync(
        IReadOnlyList<string> brokerArguments, Func<string[], Task<MqttProbe>> connectProbe, params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(connectProbe);
        filters = filters is { Length: > 0 } ? filters : ["#"];
        var root = "t" + Guid.NewGuid().ToString("N")[..12];
        var probe = await connectProbe([.. filters.Select(f => root + "/" + f)]);
        return new Scenario(brokerArguments, connectProbe, root, probe, filters);
    }

    /// <summary>A topic of neuron <paramref name="id"/>: <c>&lt;root&gt;/&lt;id&gt;/&lt;leaf&gt;</c>.</summary>
    public string Topic(string id, string leaf) => $"{Root}/{id}/{leaf}";

    /// <summary>Starts a node on this scenario's broker and root.</summary>
    public NodeProcess StartNode(params string[] arguments) => StartNodeOn(_brokerArguments, arguments);

    /// <summary>Starts a node under this scenario's root with broker arguments of its own (another order of a
    /// cluster's nodes, say).</summary>
    public NodeProcess StartNodeOn(IReadOnlyList<string> brokerArguments, params string[] arguments)
    {
        var node = NodeProcess.Start([.. arguments, .. brokerArguments, "--root", Root]);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts a node hosting ad-hoc neurons with the default config.</summary>
    public NodeProcess StartNeurons(params string[] ids) => StartNode("--neurons", string.Join(',', ids));

    /// <summary>Starts a node hosting ad-hoc neurons and waits until each says <c>online</c>.</summary>
    public async Task<NodeProcess> StartNeuronsOnlineAsync(params string[] ids)
    {
        var mark = Mark();
        var node = StartNeurons(ids);
        await WaitOnlineAsync(mark, ids);
        return node;
    }

    /// <summary>Replaces the probe after the broker restarted (MqttProbe does not reconnect).</summary>
    public async Task ReconnectProbeAsync()
    {
        await _probe.DisposeAsync();
        _probe = await _connectProbe([.. _filters.Select(f => Root + "/" + f)]);
    }

    /// <summary>Everything received so far; a wait given this mark only looks at messages after it.</summary>
    public Mark Mark() => new(_probe, _probe.Received);

    /// <summary>Waits until every neuron's retained status says <c>online</c> (after <paramref name="mark"/>, if given).</summary>
    /// <exception cref="InvalidOperationException">A node exited meanwhile (bad options, a crash): fails at once with its output.</exception>
    public async Task WaitOnlineAsync(Mark? mark, params string[] ids)
    {
        var online = Task.WhenAll(ids.Select(id => WaitForAsync(mark, m => m.Topic == Topic(id, "status") && MqttProbe.PayloadOf(m) == "online", $"{id} online")));
        var running = _nodes.Where(n => n.IsRunning).ToList();
        var exited = running.Count == 0 ? Task.Delay(System.Threading.Timeout.Infinite) : Task.WhenAny(running.Select(n => n.Exited));
        if (await Task.WhenAny(online, exited) != online)
        {
            throw new InvalidOperationException($"a node exited while waiting for {string.Join(", ", ids)} to be online.\n{DescribeNodes()}");
        }

        await online;
    }

    /// <summary>Waits for a status message with the given payload.</summary>
    public Task<MqttApplicationMessage> WaitStatusAsync(Mark? mark, string id, string status) =>
        WaitForAsync(mark, m => m.Topic == Topic(id, "status") && MqttProbe.PayloadOf(m) == status, $"{id} {status}");

    /// <summary>Waits for an event of <paramref name="id"/> of <paramref name="type"/> matching <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitEventAsync(Mark? mark, string id, string type, Func<JsonElement, bool>? match = null)
    {
        var message = await WaitForAsync(
            mark,
            m => m.Topic == Topic(id, "events") && Json(m) is { } e && Text(e, "type") == type && (match is null || match(e)),
            $"{type} event of {id}");
        return Json(message)!.Value;
    }

    /// <summary>Waits until <paramref name="count"/> events of <paramref name="type"/> of <paramref name="id"/> arrived after <paramref name="mark"/>.</summary>
    public Task WaitEventCountAsync(Mark? mark, string id, string type, int count) =>
        WaitForAsync(
            mark,
            m => m.Topic == Topic(id, "events") && Events(mark, id).Count(e => Text(e, "type") == type) >= count,
            $"{count} {type} events of {id}");

    /// <summary>Waits for a message matching <paramref name="predicate"/>, after <paramref name="mark"/> if given.</summary>
    /// <exception cref="TimeoutException">None came; the message carries what did and every node's output.</exception>
    public async Task<MqttApplicationMessage> WaitForAsync(Mark? mark, Func<MqttApplicationMessage, bool> predicate, string what)
    {
        var probe = _probe;
        try
        {
            return await probe.WaitForAsync(m => (mark is null || mark.IsAfter(m)) && predicate(m), Timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"waiting for {what} under {Root}: {ex.Message}\n{DescribeNodes()}", ex);
        }
    }

    /// <summary>Parsed events of <paramref name="id"/> received after <paramref name="mark"/>, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Events(Mark? mark, string id) =>
        [.. _probe.Received.Where(m => (mark is null || mark.IsAfter(m)) && m.Topic == Topic(id, "events")).Select(m => Json(m)!.Value)];

    /// <summary>Messages on <paramref name="topic"/> received after <paramref name="mark"/>.</summary>
    public IReadOnlyList<MqttApplicationMessage> Messages(Mark? mark, string topic) =>
        [.. _probe.Received.Where(m => (mark is null || mark.IsAfter(m)) && m.Topic == topic)];

    /// <summary>Publishes a UTF-8 payload to <c>&lt;root&gt;/&lt;id&gt;/&lt;leaf&gt;</c>.</summary>
    public Task PublishAsync(string id, string leaf, string payload, Action<MqttApplicationMessageBuilder>? configure = null) =>
        _probe.PublishAsync(Topic(id, leaf), payload, configure: configure);

    /// <summary>A set, answered by its config event (or fails with the node's output).</summary>
    public async Task<JsonElement> SetAsync(string id, string patch)
    {
        var mark = Mark();
        await PublishAsync(id, "set", patch);
        return await WaitEventAsync(mark, id, "config");
    }

    /// <summary>A query with an MQTT 5 response topic and correlation data; returns the parsed reply.</summary>
    public async Task<JsonElement> QueryAsync(string id, string payload = "")
    {
        var (reply, _) = await QueryWithReplyAsync(id, payload, Guid.NewGuid().ToByteArray());
        return Json(reply)!.Value;
    }

    /// <summary>A query with an MQTT 5 response topic and the given correlation data; returns the reply message.</summary>
    public Task<(MqttApplicationMessage Reply, string ResponseTopic)> QueryWithReplyAsync(string id, string payload, byte[] correlation) =>
        RequestAsync(id, "query", payload, correlation);

    /// <summary>A command with an MQTT 5 response topic and the given correlation data; returns the reply message.</summary>
    public async Task<(MqttApplicationMessage Reply, string ResponseTopic)> RequestAsync(string id, string command, string payload, byte[] correlation)
    {
        var responseTopic = $"{Root}/reply/{Guid.NewGuid():N}";
        await PublishAsync(id, command, payload, b => b.WithResponseTopic(responseTopic).WithCorrelationData(correlation));
        var reply = await WaitForAsync(null, m => m.Topic == responseTopic, $"{command} reply of {id} on {responseTopic}");
        return (reply, responseTopic);
    }

    /// <summary>
    /// A settle condition, not a timing assertion: returns once no message on a topic matching
    /// <paramref name="topicMatch"/> arrived for <paramref name="quiet"/>.
    /// </summary>
    public async Task WaitQuietAsync(Func<string, bool> topicMatch, TimeSpan quiet)
    {
        var total = Stopwatch.StartNew();
        var sinceChange = Stopwatch.StartNew();
        var count = _probe.Received.Count(m => topicMatch(m.Topic));
        while (sinceChange.Elapsed < quiet)
        {
            if (total.Elapsed > Timeout)
            {
                throw new TimeoutException($"under {Root} the network never went quiet for {quiet.TotalSeconds:0.#} s.\n{DescribeNodes()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
            var now = _probe.Received.Count(m => topicMatch(m.Topic));
            if (now != count)
            {
                count = now;
                sinceChange.Restart();
            }
        }
    }

    /// <summary>Every node's command line and output, for failure messages.</summary>
    public string DescribeNodes() => string.Join("\n", _nodes.Select(n => n.Describe()));

    /// <summary>The payload parsed as JSON, or null when it is not JSON.</summary>
    public static JsonElement? Json(MqttApplicationMessage message)
    {
        try
        {
            using var doc = JsonDocument.Parse(message.Payload.IsEmpty ? "null"u8.ToArray() : message.Payload.ToArray());
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A user property of a message, or null.</summary>
    public static string? UserProperty(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(p => p.Name == name)?.ReadValueAsString();

    /// <summary>The payload as UTF-8.</summary>
    public static string Payload(MqttApplicationMessage message) => MqttProbe.PayloadOf(message);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        await _probe.DisposeAsync();
    }
}

/// <summary>A point in the probe's message history: waits given a mark only see later messages.</summary>
public sealed class Mark
{
    private readonly MqttProbe _probe;
    private readonly HashSet<MqttApplicationMessage> _before;

    internal Mark(MqttProbe probe, IEnumerable<MqttApplicationMessage> before)
    {
        _probe = probe;
        _before = new HashSet<MqttApplicationMessage>(before, ReferenceEqualityComparer.Instance);
    }

    /// <summary>True for a message that arrived after this mark (a different probe's messages all count as later).</summary>
    public bool IsAfter(MqttApplicationMessage message) => !_before.Contains(message);

    /// <summary>The probe this mark was taken on.</summary>
    public MqttProbe Probe => _probe;
}
