using System.CommandLine;
using System.Text;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons apply MANIFEST</c>: make every running neuron's config what the manifest says.</summary>
internal static class ApplyCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var file = new Argument<string>("MANIFEST") { Description = "the cluster manifest YAML (the file every Pi gets)" };
        var command = new Command(
            "apply",
            "Push a manifest's topology to the running neurons, without restarting them: for each neuron, query its "
            + "state, then set threshold, weights (removing weights the manifest drops), connections and the other "
            + "fields, all neurons at once. Prints neuron, host and result (applied / refused: reason / no answer); "
            + "exit 0 only if every neuron applied it. The manifest's root and broker apply unless --root/--broker say otherwise.\n"
            + "Example: pineurons apply firmware-config/xor.yaml");
        command.Arguments.Add(file);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, global, async context =>
        {
            var manifest = await ManifestFile.LoadAsync(pr.GetValue(file)!, ct);
            context.UseManifestDefaults(manifest.Root, manifest.Broker);
            await using var mqtt = await context.ConnectAsync();
            var results = await Task.WhenAll(manifest.Neurons.Select(n => ApplyOneAsync(context, mqtt, n)));
            await WriteTableAsync(context.Output, manifest.Neurons, results);
            var applied = results.Count(r => r.Applied);
            await context.Output.WriteLineAsync($"{applied} of {results.Length} neurons applied the manifest");
            return applied == results.Length ? CliExitCodes.Ok : CliExitCodes.Failed;
        }, ct));
        return command;
    }

    private static async Task<(bool Applied, string Result)> ApplyOneAsync(CommandContext context, MqttRequestClient mqtt, NeuronEntry neuron)
    {
        var topics = context.Topics.For(neuron.Id);
        try
        {
            var current = NeuronReply.Parse((await mqtt.RequestAsync(topics.Query, ReadOnlyMemory<byte>.Empty, context.Timeout, context.Cancellation)).PayloadSpan());
            if (current.State is null)
            {
                return (false, "refused: " + (current.RefusalReason ?? "answered the query with something that is not a state"));
            }

            var patch = ApplyPatchBuilder.Build(neuron.Config, current.State.Config.Weights);
            var answer = await mqtt.RequestAsync(topics.Set, Encoding.UTF8.GetBytes(patch.ToJsonString()), context.Timeout, context.Cancellation);
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            return reply switch
            {
                { RefusalReason: { } reason } => (false, "refused: " + reason),
                { State: not null } => (true, "applied"),
                _ => (false, "refused: answered the set with something that is neither a state nor an error"),
            };
        }
        catch (TimeoutException)
        {
            return (false, $"no answer within {NoAnswerException.Seconds(context.Timeout)} s: is it online? ({topics.Status})");
        }
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<NeuronEntry> neurons, (bool Applied, string Result)[] results)
    {
        var idWidth = Math.Max("neuron".Length, neurons.Max(n => n.Id.Length)) + 2;
        var hostWidth = Math.Max("host".Length, neurons.Max(n => n.Host.Length)) + 2;
        await output.WriteLineAsync("neuron".PadRight(idWidth) + "host".PadRight(hostWidth) + "result");
        for (var i = 0; i < neurons.Count; i++)
        {
            await output.WriteLineAsync(neurons[i].Id.PadRight(idWidth) + neurons[i].Host.PadRight(hostWidth) + results[i].Result);
        }
    }
}
