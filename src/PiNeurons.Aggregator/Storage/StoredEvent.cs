namespace PiNeurons.Aggregator.Storage;

/// <summary>An event in the store: <see cref="IncomingEvent"/> plus the store's id, which orders the merged timeline.</summary>
/// <param name="Id">Increases with every stored event; the SSE event id and the paging cursor.</param>
/// <param name="Event">The event.</param>
public sealed record StoredEvent(long Id, IncomingEvent Event);
