using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Network;

/// <summary>
/// docs/protocol.md section 9, "Heartbeat", as the aggregator applies it: on a clustered broker retained messages and last
/// wills do not cross broker nodes, so a retained <c>online</c> is only a claim and a dead neuron's will may never come;
/// what a neuron is, is judged by how long it has been silent, in intervals of the heartbeat its state announces.
/// </summary>
public static class LivenessRule
{
    /// <summary>Intervals of silence after which a neuron is stale. One late heartbeat is network or scheduling jitter, not a
    /// sign of trouble: a neuron must not flicker between online and stale at every beat.</summary>
    public const int StaleAfter = 2;

    /// <summary>Why a neuron whose heartbeats stopped is offline.</summary>
    public static readonly string MissedHeartbeats = $"missed {Heartbeat.MissedForOffline} heartbeats";

    /// <summary>The liveness of a neuron with <paramref name="signs"/> at <paramref name="now"/>.</summary>
    public static Liveness Judge(in LifeSigns signs, DateTimeOffset now)
    {
        // An offline status, its own or its will, holds until it says online again.
        if (signs.Status == NeuronStatus.Offline)
        {
            return new(LivenessStates.Offline, "said offline");
        }

        if (signs.HeartbeatSeconds is not { } seconds)
        {
            return WithoutHeartbeat(signs);
        }

        var interval = TimeSpan.FromSeconds(seconds);
        var silence = now - (signs.LastHeardAt ?? signs.FirstHeardAt ?? now);
        if (silence >= interval * Heartbeat.MissedForOffline)
        {
            return new(LivenessStates.Offline, MissedHeartbeats);
        }

        if (signs.LastHeardAt is null)
        {
            return new(LivenessStates.Stale, "only retained messages so far");
        }

        return silence >= interval * StaleAfter
            ? new(LivenessStates.Stale, $"missed {StaleAfter} heartbeats")
            : new(LivenessStates.Online, null);
    }

    // Silence proves nothing without an interval: a node older than the heartbeat republishes nothing while idle. Its
    // status is all there is, as before the heartbeat; only before its state arrives is a retained online still in doubt.
    private static Liveness WithoutHeartbeat(in LifeSigns signs)
    {
        if (signs.Status != NeuronStatus.Online)
        {
            return Liveness.Unknown;
        }

        if (signs.StateSeen)
        {
            return new(LivenessStates.Online, "no heartbeat announced: as its status says");
        }

        return signs.LastHeardAt is null ? new(LivenessStates.Stale, "only retained messages so far") : new(LivenessStates.Online, null);
    }
}
