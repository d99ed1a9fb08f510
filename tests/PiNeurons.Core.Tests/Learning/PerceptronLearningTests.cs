using System.Globalization;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using Xunit.Abstractions;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Learning;

/// <summary>
/// A perceptron neuron taught row by row from random starting weights learns what a single neuron can: AND and OR
/// over two inputs, and XOR on top of the fixed hidden layer of firmware-config/xor.yaml. The (0,0) row kicks
/// nothing, so there is no decision to teach: it is left out.
/// </summary>
public class PerceptronLearningTests(ITestOutputHelper output)
{
    private const int Seeds = 20;
    private const int MaxEpochs = 50;

    private static readonly LearningConfig Perceptron = new() { Rule = LearningRule.Perceptron };

    public static TheoryData<string, int, int, int> Gates => new()
    {
        // gate, target for (1,0), (0,1), (1,1)
        { "AND", 0, 0, 1 },
        { "OR", 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Gates))]
    public void Teach_SingleNeuronFromRandomStarts_LearnsTheGate(string gate, int t10, int t01, int t11)
    {
        Row[] rows =
        [
            new([("n", "a")], t10),
            new([("n", "b")], t01),
            new([("n", "a"), ("n", "b")], t11),
        ];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var n = new NeuronConfig
            {
                Weights = Weights.Of(("a", Uniform(random, -1, 1)), ("b", Uniform(random, -1, 1))),
                Threshold = Uniform(random, 0.1, 1),
                IntegrationWindowMs = 150,
                Learning = Perceptron,
            };
            var network = new InMemoryNetwork(Create(), [("n", n)]);

            Report(gate, seed, n, Epochs(network, "n", rows, settleMs: 150), network["n"].Config);
        }
    }

    [Fact]
    public void Teach_OutputOfTheXorHiddenLayerFromRandomStarts_LearnsXor()
    {
        var manifest = ClusterManifest.Parse(RepoFiles.XorYaml, "xor.yaml");
        Row[] rows =
        [
            new([("x", KickSources.External)], 1),
            new([("y", KickSources.External)], 1),
            new([("x", KickSources.External), ("y", KickSources.External)], 0),
        ];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var z = manifest.FindNeuron("z")!.Config with
            {
                Weights = Weights.Of(("h1", Uniform(random, -1, 1)), ("h2", Uniform(random, -1, 1)), ("h3", Uniform(random, -1, 1))),
                Threshold = Uniform(random, 0.1, 1),
                Learning = Perceptron,
            };
            Assert.Equal(150, z.IntegrationWindowMs);
            var neurons = manifest.Neurons.Select(e => (e.Id, e.Id == "z" ? z : e.Config));
            var network = new InMemoryNetwork(Create(), neurons);

            // x or y fires at once, the hidden layer decides 150 ms later, z 150 ms after that.
            Report("XOR", seed, z, Epochs(network, "z", rows, settleMs: 300), network["z"].Config);
            Assert.Equal(
                ["h1", "h3", "h1", "h2", "h3"],
                network.Record("z").OfType(NeuronEventType.Kicked).Take(5).Select(e => e.From));
        }
    }

    private static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>Teaches <paramref name="rows"/> epoch after epoch; the epoch with no wrong decision, or null.</summary>
    private static int? Epochs(InMemoryNetwork network, string learner, Row[] rows, int settleMs)
    {
        var neuron = network[learner];
        var sink = network.Record(learner);
        for (var epoch = 1; epoch <= MaxEpochs; epoch++)
        {
            var wrong = 0;
            foreach (var row in rows)
            {
                var fired = neuron.FiredCount;
                foreach (var (target, from) in row.Kicks)
                {
                    network.Kick(target, from);
                }

                network.Advance(Ms(settleMs));
                var decided = (int)(neuron.FiredCount - fired);
                var learned = sink.OfType(NeuronEventType.Learned).Count();
                Assert.True(neuron.Teach(row.Target, network.Time.GetUtcNow(), sink));
                if (decided == row.Target)
                {
                    Assert.Equal(learned, sink.OfType(NeuronEventType.Learned).Count());
                }
                else
                {
                    wrong++;
                }

                // Past inputLastingMs and refractoryMs: the next row starts from rest.
                network.Advance(Ms(1000));
            }

            if (wrong == 0)
            {
                Assert.Empty(ConfigValidator.Validate(neuron.Config));
                return epoch;
            }
        }

        return null;
    }

    private void Report(string gate, int seed, NeuronConfig start, int? epochs, NeuronConfig learned)
    {
        var result = epochs is { } e ? $"right in epoch {e,2}" : "not learned";
        var weights = string.Join(", ", start.Weights.Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value:0.###} -> {learned.Weights[w.Key]:0.###}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{gate} seed {seed,2}: {result}; threshold {start.Threshold:0.###} -> {learned.Threshold:0.###}, weights {weights}"));
        Assert.True(epochs is not null, $"{gate} seed {seed}: no fully right epoch within {MaxEpochs}");
    }

    private sealed record Row((string Target, string From)[] Kicks, int Target);
}
