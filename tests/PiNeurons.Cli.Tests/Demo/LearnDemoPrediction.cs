using System.Text.Json.Nodes;
using PiNeurons.Cli.Demo;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;

namespace PiNeurons.Cli.Tests.Demo;

/// <summary>
/// What <c>pineurons demo --learn --seed N</c> will do, worked out on a <see cref="SimulatedNetwork"/> of the built-in
/// xor-learn.yaml by <see cref="LearnDemo"/>'s own procedure: the learner starts from <see cref="LearnStart"/>'s weights
/// (given with a set patch, as the demo gives them), and each epoch plays the rows 0,0 0,1 1,0 1,1; a row kicks x and/or
/// y at its start, runs until the network is quiet, reads whether the learner fired, teaches it x XOR y and waits out
/// the demo's row span; row 0,0 kicks nothing and counts as not fired. A whole epoch right is learned.
/// </summary>
internal static class LearnDemoPrediction
{
    private static readonly (int X, int Y)[] Rows = [(0, 0), (0, 1), (1, 0), (1, 1)];
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The built-in manifest of the learning demo.</summary>
    public static ClusterManifest Manifest() => ClusterManifest.Parse(EmbeddedManifest.XorLearn(), "xor-learn.yaml (built in)");

    /// <summary>The learner's inputs, as the demo finds them: the neurons connected to it, in manifest order.</summary>
    public static IReadOnlyList<string> Inputs(ClusterManifest manifest, string learner)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return [.. manifest.Neurons.Where(n => n.Config.Connections.Contains(learner)).Select(n => n.Id)];
    }

    /// <summary>Plays the demo for <paramref name="seed"/> for up to <paramref name="maxEpochs"/> epochs.</summary>
    public static LearnOutcome Run(int seed, int maxEpochs)
    {
        var manifest = Manifest();
        var learner = manifest.Neurons.Single(n => n.Config.Learning.Rule == LearningRule.Perceptron).Id;
        var inputs = Inputs(manifest, learner);
        var rowSpan = TimeSpan.FromMilliseconds(
            manifest.Neurons.Max(n => n.Config.IntegrationWindowMs) + manifest.Neurons.Max(n => n.Config.InputLastingMs) + 100);
        var network = new SimulatedNetwork(manifest, Start);
        var start = StartFrom(network[learner], seed, inputs);

        for (var epoch = 1; epoch <= maxEpochs; epoch++)
        {
            var right = 0;
            foreach (var (x, y) in Rows)
            {
                var target = x ^ y;
                var fired = 0;
                if (x + y > 0)
                {
                    var rowStart = network.Now;
                    var seen = network.Events.Count;
                    if (x == 1)
                    {
                        network.Kick("x");
                    }

                    if (y == 1)
                    {
                        network.Kick("y");
                    }

                    network.RunUntilIdle();
                    fired = network.Events.Skip(seen).Any(e => e.Id == learner && e.Event.Type == NeuronEventType.Fired) ? 1 : 0;
                    network.Teach(learner, target);
                    network.AdvanceTo(rowStart + rowSpan);
                }

                right += fired == target ? 1 : 0;
            }

            if (right == Rows.Length)
            {
                return new LearnOutcome(epoch, start, network[learner].Config);
            }
        }

        return new LearnOutcome(null, start, network[learner].Config);
    }

    // The random start goes in as the demo sends it: a set patch of the threshold and the inputs' weights.
    private static NeuronConfig StartFrom(Neuron learner, int seed, IReadOnlyList<string> inputs)
    {
        var (weights, threshold) = LearnStart.For(seed, inputs);
        var patch = new JsonObject
        {
            ["threshold"] = threshold,
            ["weights"] = new JsonObject(weights.Select(w => new KeyValuePair<string, JsonNode?>(w.Key, w.Value))),
        };
        var result = ConfigPatch.Apply(learner.Config, patch.ToJsonString());
        learner.Reconfigure(result.Config ?? throw new InvalidOperationException($"the start of seed {seed} was refused: {result.Error}"));
        return learner.Config;
    }
}

/// <summary>What the learning demo did for one seed.</summary>
/// <param name="Epochs">The epoch that was wholly right; null when none was within the limit.</param>
/// <param name="Start">The learner's config at the start.</param>
/// <param name="End">Its config at the end.</param>
internal sealed record LearnOutcome(int? Epochs, NeuronConfig Start, NeuronConfig End);
