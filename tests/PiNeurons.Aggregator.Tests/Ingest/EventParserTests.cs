using System.Text;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Ingest;

public sealed class EventParserTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 27, 18, 0, 1, TimeSpan.Zero);

    [Fact]
    public void Parse_UnsynchronizedClock_FiledByArrivalAndFlagged()
    {
        var e = Parse("""{"id":"h1","seq":4,"type":"kicked","from":"x","at":"1970-01-01T00:00:05.000Z","hop":1,"clock":"unsynchronized"}""");

        Assert.Equal(Received, e.At);
        Assert.True(e.ClockUnsynchronized);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5), e.IdentityAt);
    }

    [Fact]
    public void Parse_SameUnsynchronizedEventArrivingTwice_SameIdentityWhateverTheArrival()
    {
        var payload = Encoding.UTF8.GetBytes("""{"id":"h1","seq":4,"type":"kicked","at":"1970-01-01T02:00:05.120+02:00","clock":"unsynchronized"}""");

        var first = EventParser.Parse("h1", payload, Received, out _)!;
        var copy = EventParser.Parse("h1", payload, Received.AddSeconds(3), out _)!;

        Assert.NotEqual(first.At, copy.At);
        Assert.Equal(first.IdentityAt, copy.IdentityAt);
        Assert.Equal(TimeSpan.Zero, first.IdentityAt.Offset);
    }

    [Fact]
    public void Parse_SynchronizedClock_KeepsItsOwnTime()
    {
        var e = Parse("""{"id":"h1","seq":4,"type":"kicked","from":"x","at":"2026-11-27T18:00:00.003Z","hop":1}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 18, 0, 0, 3, TimeSpan.Zero), e.At);
        Assert.False(e.ClockUnsynchronized);
        Assert.Null(e.NeuronAt);
    }

    private static IncomingEvent Parse(string json) =>
        EventParser.Parse("h1", Encoding.UTF8.GetBytes(json), Received, out var rejection) ?? throw new InvalidOperationException(rejection);
}
