using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Benchmarks;

/// <summary>The CPU work of one hop without the network: parse the kick, run the model, serialize the event.</summary>
[MemoryDiagnoser]
public class HopBenchmarks
{
    private static readonly byte[] PlainKick = "h1"u8.ToArray();
    private static readonly byte[] JsonKick = """{"from":"h1","hop":3}"""u8.ToArray();
    private static readonly byte[] Patch = """{"threshold":0.9,"weights":{"x":1,"y":null},"addConnections":["z"]}"""u8.ToArray();
    private readonly SourceNameCache _names = new();
    private readonly NullSink _sink = new();
    private readonly NeuronConfig _config = NeuronConfig.Default with
    {
        Threshold = 0.9,
        Weights = new Dictionary<string, double> { ["h1"] = 1 },
        Connections = ["z"],
        RefractoryMs = 0,
        MaxFiresPerSecond = 0,
    };

    private Neuron _neuron = null!;
    private DateTimeOffset _now;
    private EventMessage _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _neuron = new Neuron("n", _config);
        _now = new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);
        _event = new EventMessage { Id = "h2", Seq = 42, Type = "fired", From = "x", At = _now, Hop = 1 };
    }

    [Benchmark]
    public bool ParsePlainKick() => KickParser.TryParse(PlainKick, _names, out _, out _);

    [Benchmark]
    public bool ParseJsonKick() => KickParser.TryParse(JsonKick, _names, out _, out _);

    [Benchmark]
    public long KickThatFires()
    {
        _now = _now.AddMilliseconds(1);
        _neuron.Kick("h1", 0, _now, _sink);
        return _neuron.FiredCount;
    }

    [Benchmark]
    public byte[] SerializeEvent() => JsonSerializer.SerializeToUtf8Bytes(_event, ProtocolJsonContext.Default.EventMessage);

    [Benchmark]
    public bool ApplySetPatch() => ConfigPatch.Apply(_config, Patch).IsSuccess;

    private sealed class NullSink : INeuronSink
    {
        public void OnEvent(in NeuronEvent neuronEvent)
        {
        }

        public void OnFired(int downstreamHop, TimeSpan outputDuration)
        {
        }

        public void OnDecisionDue(DateTimeOffset dueAt)
        {
        }
    }
}
