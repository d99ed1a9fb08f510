namespace PiNeurons.Node.Persistence;

/// <summary>What a neuron carries across restarts besides its config, so consumers see one continuous
/// history: the next event <c>seq</c> and the firing count.</summary>
/// <param name="NextSeq">The <c>seq</c> the next event gets.</param>
/// <param name="FiredCount">Firings so far.</param>
/// <param name="LastFiredAt">The last firing, if any.</param>
internal sealed record DurableCounters(long NextSeq, long FiredCount, DateTimeOffset? LastFiredAt)
{
    /// <summary>A neuron that never ran.</summary>
    public static DurableCounters Fresh { get; } = new(1, 0, null);
}
