using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// Asks neurons for their state over request/response (<c>query</c> with an MQTT 5 response topic, as <c>pineurons
/// query</c> does), all at once, each given the same time. On a clustered broker the retained status a tool sees may be
/// stale or missing (docs/protocol.md section 9, "Heartbeat"); a neuron that answers now is online now.
/// </summary>
internal static class DirectQuery
{
    /// <summary>The answer of each of <paramref name="ids"/>, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, DirectAnswer>> AskAsync(
        MqttRequestClient mqtt, TopicScheme topics, IReadOnlyList<string> ids, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(topics);
        var answers = await Task.WhenAll(ids.Select(async id => (id, answer: await AskAsync(mqtt, topics.For(id), wait, ct))));
        return answers.ToDictionary(a => a.id, a => a.answer, StringComparer.Ordinal);
    }

    private static async Task<DirectAnswer> AskAsync(MqttRequestClient mqtt, NeuronTopics neuron, TimeSpan wait, CancellationToken ct)
    {
        try
        {
            var reply = await mqtt.RequestAsync(neuron.Query, ReadOnlyMemory<byte>.Empty, wait, ct);
            return new DirectAnswer(NeuronReply.Parse(reply.PayloadSpan()).State, DirectAnswer.Answered);
        }
        catch (TimeoutException)
        {
            return new DirectAnswer(null, DirectAnswer.NoAnswer);
        }
        catch (PublishRefusedException)
        {
            // A login that may read statuses but not send commands: what is retained is all this tool can say.
            return new DirectAnswer(null, DirectAnswer.Refused);
        }
    }
}
