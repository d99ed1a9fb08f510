namespace PiNeurons.Aggregator.Storage;

/// <summary>A page of the merged timeline, newest first. Null fields do not filter.</summary>
/// <param name="Neuron">Only this neuron's events.</param>
/// <param name="Type">Only events of this type.</param>
/// <param name="Since">Only events that happened at or after this (the event's <c>at</c>).</param>
/// <param name="Until">Only events that happened before this.</param>
/// <param name="BeforeId">Only events with a smaller store id: the cursor for the next (older) page.</param>
/// <param name="Limit">At most this many (1 to <see cref="MaxLimit"/>).</param>
public sealed record EventQuery(
    string? Neuron = null,
    string? Type = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    long? BeforeId = null,
    int Limit = EventQuery.DefaultLimit)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page served.</summary>
    public const int MaxLimit = 1000;
}
