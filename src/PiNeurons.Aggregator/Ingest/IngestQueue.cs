using System.Threading.Channels;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// The ordered hand-off from the MQTT receive path to the store writer. Bounded, so a slow disk slows the
/// MQTT receive loop (and the broker queues) instead of growing memory without limit.
/// </summary>
internal sealed class IngestQueue
{
    public const int Capacity = 50_000;

    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    public ValueTask WriteAsync(IngestItem item, CancellationToken ct) => _channel.Writer.WriteAsync(item, ct);

    public int Count => _channel.Reader.Count;
}
