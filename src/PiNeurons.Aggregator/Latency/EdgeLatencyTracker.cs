using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Latency;

/// <summary>
/// Pairs each neuron's <c>fired</c> event with the <c>kicked</c> events it caused downstream, and keeps per connection
/// the delay between the two by the neurons' own clocks. A firing's event carries the hop its kicks carry, and each
/// kicked neuron's event names the sender and that hop (docs/protocol.md section 9), so on connection A -&gt; B the
/// kick from A with hop H belongs to A's oldest firing with hop H that B has not answered yet: MQTT keeps one
/// publisher's order, so first in, first out. The two events may reach the aggregator in either order, so the
/// unanswered ones of each side wait in short queues.
/// </summary>
/// <remarks>
/// Pure: no I/O and no clock of its own, every time comes with the events. In memory only (it starts empty with the
/// aggregator). Thread-safe: the ingest writer feeds it while HTTP requests read it.
/// </remarks>
internal sealed class EdgeLatencyTracker
{
    /// <summary>Unpaired events kept per sender (firings) and per connection (kicks); the oldest is dropped first.</summary>
    public const int QueueLength = 64;

    /// <summary>The most connections, and senders, followed: a bound on memory whatever the events name.</summary>
    public const int MaxTracked = 10_000;

    /// <summary>Two events received further apart than this are not paired: one of them has lost its partner.</summary>
    public static readonly TimeSpan PairingWindow = TimeSpan.FromSeconds(10);

    // A redelivered event (the broker resends what was in flight when the session dropped) comes again with a seq
    // the neuron already used. A neuron's seq never goes back (docs/protocol.md section 5), except for a neuron whose
    // numbering started over (a new state directory), which goes back by far more than the broker keeps in flight.
    private const long RedeliveryWindow = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Sender> _senders = new(StringComparer.Ordinal);
    private readonly Dictionary<EdgeKey, EdgeLatencyState> _edges = [];
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);

    /// <summary>Takes one stored event, in the order received; only <c>fired</c> and <c>kicked</c> ones matter.</summary>
    public void Observe(IncomingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            if (IsRedelivery(e))
            {
                return;
            }

            var stamp = new EventStamp(e.Neuron, e.Hop, e.At, e.ReceivedAt, e.ClockUnsynchronized);
            if (e.Type == "fired")
            {
                OnFired(stamp);
            }
            else if (e.Type == "kicked" && e.From is { } from && IsNeuron(from))
            {
                OnKicked(from, stamp);
            }
        }
    }

    /// <summary>Every connection a pair has been seen on, with what its pairs gave.</summary>
    public IReadOnlyDictionary<EdgeKey, EdgeLatency> Snapshot()
    {
        lock (_gate)
        {
            return _edges.ToDictionary(kv => kv.Key, kv => kv.Value.Snapshot());
        }
    }

    // Kicks from the button, a sensor, an external kick or the fire command have no firing upstream to pair with.
    private static bool IsNeuron(string source) =>
        NeuronId.IsValid(source) && !KickSources.IsNonNeuronSource(source) && source != KickSources.Fire;

    private bool IsRedelivery(IncomingEvent e)
    {
        if (_lastSeq.TryGetValue(e.Neuron, out var last) && e.Seq <= last && last - e.Seq < RedeliveryWindow)
        {
            return true;
        }

        if (_lastSeq.Count < MaxTracked || _lastSeq.ContainsKey(e.Neuron))
        {
            _lastSeq[e.Neuron] = e.Seq;
        }

        return false;
    }

    private void OnFired(EventStamp fired)
    {
        if (!_senders.TryGetValue(fired.Neuron, out var sender))
        {
            if (_senders.Count >= MaxTracked)
            {
                return;
            }

            sender = new Sender();
            _senders.Add(fired.Neuron, sender);
        }

        var firing = new Firing(fired);
        // A kick that came first waits for this firing; every firing of the sender before this one was already offered
        // to it, so this is the oldest firing it can belong to.
        foreach (var (to, edge) in sender.Edges)
        {
            DropExpired(edge.PendingKicks, fired.ReceivedAt);
            var i = edge.PendingKicks.FindIndex(k => k.Hop == fired.Hop && Near(k, fired));
            if (i >= 0)
            {
                edge.Record(fired, edge.PendingKicks[i]);
                edge.PendingKicks.RemoveAt(i);
                firing.AnsweredBy.Add(to);
            }
        }

        sender.Firings.Add(firing);
        if (sender.Firings.Count > QueueLength)
        {
            sender.Firings.RemoveAt(0);
        }
    }

    private void OnKicked(string from, EventStamp kicked)
    {
        var key = new EdgeKey(from, kicked.Neuron);
        if (!_edges.TryGetValue(key, out var edge))
        {
            if (_edges.Count >= MaxTracked || (!_senders.ContainsKey(from) && _senders.Count >= MaxTracked))
            {
                return;
            }

            edge = new EdgeLatencyState();
            _edges.Add(key, edge);
        }

        if (!_senders.TryGetValue(from, out var sender))
        {
            sender = new Sender();
            _senders.Add(from, sender);
        }

        sender.Edges.TryAdd(kicked.Neuron, edge);
        var firing = sender.Firings.Find(f => f.Stamp.Hop == kicked.Hop && !f.AnsweredBy.Contains(kicked.Neuron) && Near(f.Stamp, kicked));
        if (firing is not null)
        {
            edge.Record(firing.Stamp, kicked);
            firing.AnsweredBy.Add(kicked.Neuron);
            return;
        }

        edge.PendingKicks.Add(kicked);
        if (edge.PendingKicks.Count > QueueLength)
        {
            edge.PendingKicks.RemoveAt(0);
        }
    }

    private static bool Near(EventStamp a, EventStamp b) => (a.ReceivedAt - b.ReceivedAt).Duration() <= PairingWindow;

    // Firings arrive in order, so a kick received a window before this one can pair with no later firing either.
    private static void DropExpired(List<EventStamp> kicks, DateTimeOffset now) =>
        kicks.RemoveAll(k => now - k.ReceivedAt > PairingWindow);

    /// <summary>One neuron that fires: its recent firings and the connections kicks from it were seen on.</summary>
    private sealed class Sender
    {
        public List<Firing> Firings { get; } = [];

        public Dictionary<string, EdgeLatencyState> Edges { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A firing, and the downstream neurons whose kick has been paired with it.</summary>
    private sealed class Firing(EventStamp stamp)
    {
        public EventStamp Stamp { get; } = stamp;

        public HashSet<string> AnsweredBy { get; } = new(StringComparer.Ordinal);
    }
}
