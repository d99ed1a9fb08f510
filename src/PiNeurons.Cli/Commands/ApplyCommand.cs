using PiNeurons.Core;
using System.CommandLine;
using System.Text;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons apply MANIFEST</c>: make every running neuron's config what the manifest says.</summary>
internal static class ApplyCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var file = ManifestFile.NewOption("the cluster manifest YAML (the file every Pi gets)");
        var command = new Command(
            "apply",
            "Push a manifest's config and connections to the running neurons, without restarting them; exit 0 when all applied it.\n"
            + "Example: pineurons apply --manifest firmware-config/xor.yaml");
        command.Options.Add(file);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var manifest = await ManifestFile.LoadAsync(pr.GetValue(file)!, ct);
            context.UseManifestDefaults(manifest.Root, manifest.Broker);
            await using var mqtt = await context.ConnectAsync();
            var results = await Task.WhenAll(manifest.Neurons.Select(n => ApplyOneAsync(context, mqtt, n)));
            await WriteTableAsync(context.Output, manifest.Neurons, results);
            var applied = results.Count(r => r.Applied);
            await context.Output.WriteLineAsync($"{applied} of {results.Length} neurons applied the manifest");
            return applied == results.Length ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct, bounded: true));
        return command;
    }

    private static async Task<(bool Applied, string Result)> ApplyOneAsync(CommandContext context, MqttRequestClient mqtt, NeuronEntry neuron)
    {
        var topics = context.Topics.For(neuron.Id);
        try
        {
            var current = NeuronReply.Parse((await context.RequestAsync(mqtt, topics, topics.Query, ReadOnlyMemory<byte>.Empty)).PayloadSpan());
            if (current.State is null)
            {
                return (false, "refused: " + (current.RefusalReason ?? "answered the query with something that is not a state"));
            }

            var patch = ApplyPatchBuilder.Build(neuron.Config, current.State.Config);
            var answer = await context.RequestAsync(mqtt, topics, topics.Set, Encoding.UTF8.GetBytes(patch.ToJsonString()));
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            return reply switch
            {
                { RefusalReason: { } reason } => (false, "refused: " + reason),
                { State: not null } => (true, "applied"),
                _ => (false, "refused: answered the set with something that is neither a state nor an error"),
            };
        }
        catch (Exception ex) when (ex is NoAnswerException || (ex is OperationCanceledException && context.Cancellation.IsCancellationRequested))
        {
            // One neuron's silence is its own row; the others' answers still count.
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
