using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Demo;

/// <summary>
/// <c>pineurons demo --learn</c>: the XOR network of xor-learn.yaml, whose output neuron starts from random weights and
/// learns them by the perceptron rule. Each epoch plays the four rows of the truth table for real (kicks through the
/// broker, z's firing read off the event stream) and teaches z the target after each row, until a whole epoch is right.
/// </summary>
internal sealed class LearnDemo(TextWriter output, TimeProvider time)
{
    private static readonly (int X, int Y)[] Rows = [(0, 0), (0, 1), (1, 0), (1, 1)];
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs the demo; exit 0 when the neuron learned XOR within <paramref name="maxEpochs"/>.</summary>
    public async Task<int> RunAsync(
        BrokerTarget broker, string root, ClusterManifest manifest, int seed, int maxEpochs, bool stay, int? httpPort, CancellationToken ct)
    {
        var learner = Learner(manifest);
        var inputs = manifest.Neurons.Where(n => n.Config.Connections.Contains(learner.Id)).Select(n => n.Id).ToList();
        // A row's inputs last inputLastingMs from a kick that comes at most one integration window after the row starts:
        // the next row waits them out, so rows do not add up.
        var rowSpan = TimeSpan.FromMilliseconds(manifest.Neurons.Max(n => n.Config.IntegrationWindowMs) + manifest.Neurons.Max(n => n.Config.InputLastingMs) + 100);

        await using var network = await DemoNetwork.StartAsync(broker, root, [manifest], httpPort, output, time, ct);
        var (startWeights, startThreshold) = LearnStart.For(seed, inputs);
        var config = await StartFromAsync(network, learner.Id, startWeights, startThreshold, ct);
        var rate = learner.Config.Learning.Rate.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"All online. {learner.Id} learns XOR by the perceptron rule (rate {rate}) from random weights "
            + $"(seed {seed}; the same start again: --seed {seed}).");
        await output.WriteLineAsync($"Each epoch kicks x and y for the rows 0,0 0,1 1,0 1,1 and teaches {learner.Id} x XOR y after each (✗: wrong).");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"  start                         {Weights(config, inputs)}");

        for (var epoch = 1; epoch <= maxEpochs; epoch++)
        {
            var right = 0;
            var outputs = new StringBuilder();
            foreach (var (x, y) in Rows)
            {
                var target = x ^ y;
                var fired = 0;
                if (x + y > 0)
                {
                    // The learner says what it decided, fired or not, so the teach follows the decision it is about.
                    var row = await network.PlayRowAsync(x, y, ct, e => e.Id == learner.Id && e.Type is "fired" or "decided");
                    fired = row.Fired.Contains(learner.Id) ? 1 : 0;
                    config = await TeachAsync(network, learner.Id, target, ct) ?? config;
                    var wait = rowSpan - time.GetElapsedTime(row.Start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, ct);
                    }
                }

                // Row 0,0 kicks nothing, so the neuron has nothing to decide: it stays dark, which is right.
                right += fired == target ? 1 : 0;
                outputs.Append(CultureInfo.InvariantCulture, $" {fired}{(fired == target ? " " : "✗")}");
            }

            await output.WriteLineAsync($"  epoch {epoch,-3} {learner.Id}:{outputs}  {right}/4 right  {Weights(config, inputs)}");
            if (right == Rows.Length)
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync($"{learner.Id} learned XOR in {epoch} epoch{(epoch == 1 ? "" : "s")} (seed {seed}): "
                    + $"a whole epoch right, {learner.Id} fired for exactly one of x, y (0,1,1,0).");
                await StayAsync(stay, network, broker, root, learner.Id, ct);
                return ExitCodes.Ok;
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{learner.Id} did not learn XOR within {maxEpochs} epochs (seed {seed}); try more with --max-epochs.");
        await StayAsync(stay, network, broker, root, learner.Id, ct);
        return ExitCodes.Failed;
    }

    private static NeuronEntry Learner(ClusterManifest manifest)
    {
        var learners = manifest.Neurons.Where(n => n.Config.Learning.Rule == LearningRule.Perceptron).ToList();
        return learners.Count == 1
            ? learners[0]
            : throw new CliUsageException($"demo --learn needs exactly one neuron with learning rule perceptron in its manifest, found {learners.Count}");
    }

    // The random start goes in with an ordinary set, as an operator would type it.
    private static async Task<NeuronConfig> StartFromAsync(
        DemoNetwork network, string learner, IReadOnlyList<KeyValuePair<string, double>> weights, double threshold, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["threshold"] = threshold,
            ["weights"] = new JsonObject(weights.Select(w => new KeyValuePair<string, JsonNode?>(w.Key, w.Value))),
        };
        var reply = await RequestAsync(network, network.Scheme.For(learner).Set, Encoding.UTF8.GetBytes(patch.ToJsonString()), ct);
        return reply.State?.Config ?? throw new InvalidOperationException($"{learner} refused its random start: {reply.RefusalReason ?? reply.Raw}");
    }

    // The new config, or null when the neuron learned nothing (it says why, and the demo shows it).
    private async Task<NeuronConfig?> TeachAsync(DemoNetwork network, string learner, int target, CancellationToken ct)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"target\":{target}}}"));
        var reply = await RequestAsync(network, network.Scheme.For(learner).Teach, payload, ct);
        if (reply.RefusalReason is { } reason)
        {
            await output.WriteLineAsync($"    {learner} learned nothing: {reason}");
        }

        return reply.State?.Config;
    }

    private static async Task<NeuronReply> RequestAsync(DemoNetwork network, string topic, byte[] payload, CancellationToken ct)
    {
        var answer = await network.Observer.RequestAsync(topic, payload, ReplyTimeout, ct);
        return NeuronReply.Parse(answer.PayloadSpan());
    }

    private static string Weights(NeuronConfig config, IReadOnlyList<string> inputs) =>
        string.Join("  ", inputs.Select(id => $"{id} {Number(config.WeightOf(id))}")) + $"  threshold {Number(config.Threshold)}";

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(5);

    private async Task StayAsync(bool stay, DemoNetwork network, BrokerTarget broker, string root, string learner, CancellationToken ct)
    {
        if (stay)
        {
            await DemoStay.RunAsync(output, broker, root, network.Aggregator?.Address, time, ct, learner);
        }
    }
}
