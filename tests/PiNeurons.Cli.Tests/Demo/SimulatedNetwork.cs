using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;

namespace PiNeurons.Cli.Tests.Demo;

/// <summary>
/// The neurons of a manifest, each the real <see cref="Neuron"/> model, on a virtual clock: a firing's kicks reach its
/// connections <see cref="Latency"/> later, and an integration window's decision runs at its due time, as the node's
/// timer runs it. Deterministic: work due at the same instant runs in the order it was scheduled. What the demo's
/// network does, without a broker, timers or threads, so its outcome can be worked out in advance.
/// </summary>
internal sealed class SimulatedNetwork
{
    /// <summary>How long a kick takes from a firing to its connection: the broker's hop, made fixed.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(1);

    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Order)> _work = new();
    private readonly List<(string Id, NeuronEvent Event)> _events = [];
    private long _scheduled;

    /// <summary>Every neuron of <paramref name="manifest"/> with its manifest config, none fired yet; the clock reads <paramref name="start"/>.</summary>
    public SimulatedNetwork(ClusterManifest manifest, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Now = start;
        foreach (var entry in manifest.Neurons)
        {
            _members.Add(entry.Id, new Member(this, new Neuron(entry.Id, entry.Config)));
        }
    }

    /// <summary>The virtual clock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every event of every neuron so far, in the order they happened.</summary>
    public IReadOnlyList<(string Id, NeuronEvent Event)> Events => _events;

    /// <summary>The model of neuron <paramref name="id"/>.</summary>
    public Neuron this[string id] => _members[id].Neuron;

    /// <summary>An external kick of <paramref name="id"/> now (an empty MQTT kick: source <c>external</c>, hop 0).</summary>
    public void Kick(string id) => KickAt(Now, id, KickSources.External, 0);

    /// <summary>Runs every piece of work, and the work it makes, until none is left; the clock ends at the last one.</summary>
    public void RunUntilIdle()
    {
        while (_work.TryDequeue(out var work, out var due))
        {
            Now = due.At;
            work();
        }
    }

    /// <summary>Teaches <paramref name="id"/> <paramref name="target"/> now; false when it refused (its error event says why).</summary>
    public bool Teach(string id, int target) => _members[id].Teach(target);

    /// <summary>Moves the clock on to <paramref name="at"/>, unless it is already later; only when no work is pending.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (_work.Count > 0)
        {
            throw new InvalidOperationException("work is pending: run it first, or it would run late");
        }

        Now = at > Now ? at : Now;
    }

    private void Schedule(DateTimeOffset at, Action work) => _work.Enqueue(work, (at, _scheduled++));

    private void KickAt(DateTimeOffset at, string id, string from, int hop)
    {
        // A kick to a neuron the manifest does not hold goes nowhere, as a publication nobody subscribed to.
        if (_members.TryGetValue(id, out var target))
        {
            Schedule(at, () => target.Neuron.Kick(from, hop, Now, target));
        }
    }

    // One neuron and its sink: what the node's runtime does with the model's decisions, on the virtual clock.
    private sealed class Member(SimulatedNetwork network, Neuron neuron) : INeuronSink
    {
        public Neuron Neuron { get; } = neuron;

        public bool Teach(int target) => Neuron.Teach(target, network.Now, this);

        public void OnEvent(in NeuronEvent neuronEvent) => network._events.Add((Neuron.Id, neuronEvent));

        public void OnFired(int downstreamHop, TimeSpan outputDuration)
        {
            foreach (var connection in Neuron.Config.Connections)
            {
                network.KickAt(network.Now + Latency, connection, Neuron.Id, downstreamHop);
            }
        }

        // A stale call (the window closed by a firing meanwhile) does nothing, as with the node's timer.
        public void OnDecisionDue(DateTimeOffset dueAt) => network.Schedule(dueAt, () => Neuron.Decide(network.Now, this));
    }
}
