using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Tests.Helpers;

/// <summary>
/// Neurons wired in memory: a firing becomes kicks to its connections, delivered in order through a
/// FIFO queue at the current fake time; decisions requested through OnDecisionDue run when time is
/// advanced past them, earliest first.
/// </summary>
internal sealed class InMemoryNetwork
{
    private readonly Dictionary<string, Neuron> _neurons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordingSink> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, INeuronSink> _sinks = new(StringComparer.Ordinal);
    private readonly Queue<(string Target, string From, int Hop)> _kicks = new();
    private readonly List<(DateTimeOffset Due, string Id)> _decisions = [];

    public InMemoryNetwork(FakeTimeProvider time, IEnumerable<(string Id, NeuronConfig Config)> neurons)
    {
        Time = time;
        foreach (var (id, config) in neurons)
        {
            _neurons[id] = new Neuron(id, config);
            _records[id] = new RecordingSink();
            _sinks[id] = new NodeSink(this, id);
        }
    }

    public FakeTimeProvider Time { get; }

    public Neuron this[string id] => _neurons[id];

    public RecordingSink Record(string id) => _records[id];

    public long FiredCount(string id) => _neurons[id].FiredCount;

    /// <summary>Kicks <paramref name="target"/> from <paramref name="from"/> now and delivers the cascade.</summary>
    public void Kick(string target, string from = KickSources.External, int hop = 0)
    {
        _kicks.Enqueue((target, from, hop));
        Deliver();
    }

    /// <summary>Advances the fake clock by <paramref name="by"/>, running every decision that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        var end = Time.GetUtcNow() + by;
        while (_decisions.Count > 0)
        {
            var next = _decisions.MinBy(d => d.Due);
            if (next.Due > end)
            {
                break;
            }

            _decisions.Remove(next);
            if (next.Due > Time.GetUtcNow())
            {
                Time.Advance(next.Due - Time.GetUtcNow());
            }

            _neurons[next.Id].Decide(Time.GetUtcNow(), _sinks[next.Id]);
            Deliver();
        }

        Time.Advance(end - Time.GetUtcNow());
    }

    private void Deliver()
    {
        while (_kicks.TryDequeue(out var kick))
        {
            _neurons[kick.Target].Kick(kick.From, kick.Hop, Time.GetUtcNow(), _sinks[kick.Target]);
        }
    }

    private sealed class NodeSink(InMemoryNetwork network, string id) : INeuronSink
    {
        public void OnEvent(in NeuronEvent neuronEvent) => network._records[id].OnEvent(neuronEvent);

        public void OnFired(int downstreamHop, TimeSpan outputDuration)
        {
            network._records[id].OnFired(downstreamHop, outputDuration);
            foreach (var target in network._neurons[id].Config.Connections)
            {
                network._kicks.Enqueue((target, id, downstreamHop));
            }
        }

        public void OnDecisionDue(DateTimeOffset dueAt)
        {
            network._records[id].OnDecisionDue(dueAt);
            network._decisions.Add((dueAt, id));
        }
    }
}
