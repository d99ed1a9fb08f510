using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>Waiting for neurons to say they are ready, by their retained <c>online</c> status.</summary>
internal static class OnlineWait
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Returns once every neuron of <paramref name="ids"/> published <c>online</c>; the observer must
    /// be subscribed to <see cref="TopicScheme.AllStatus"/>.</summary>
    /// <exception cref="TimeoutException">Some did not come online within 30 s; the message names them.</exception>
    public static async Task WaitOnlineAsync(this MqttRequestClient observer, TopicScheme scheme, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var waiting = ids.ToHashSet(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        try
        {
            while (waiting.Count > 0)
            {
                var (message, _) = await observer.Incoming.ReadAsync(timeout.Token);
                if (scheme.TrySplit(message.Topic, out var id, out var leaf) && leaf == "status"
                    && message.PayloadAsString() == StatusPayloads.Online)
                {
                    waiting.Remove(id);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"neurons {string.Join(", ", waiting)} did not come online within {Limit.TotalSeconds:0} s");
        }
    }
}
