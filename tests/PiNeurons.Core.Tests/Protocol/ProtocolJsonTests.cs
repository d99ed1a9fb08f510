using System.Text.Json;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Protocol;

public class ProtocolJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 18, 0, 0, 123, TimeSpan.Zero);

    private static NeuronConfig H2() => new()
    {
        Threshold = 1.9,
        Weights = Weights.Of(("x", 1), ("y", 1)),
        Connections = ["z"],
    };

    [Fact]
    public void Serialize_EventMessage_ExactlyLikeTheProtocolsExample()
    {
        var message = EventMessage.Create("h2", 42, new NeuronEvent(NeuronEventType.Fired, "x", At));

        var json = JsonSerializer.Serialize(message, ProtocolJsonContext.Default.EventMessage);

        Assert.Equal("""{"id":"h2","seq":42,"type":"fired","from":"x","at":"2026-11-27T18:00:00.123Z"}""", json);
    }

    [Fact]
    public void Serialize_ErrorEventWithHop_CarriesHopAndReason()
    {
        var message = EventMessage.Create("h1", 7, new NeuronEvent(NeuronEventType.Error, "x", At, 65, "too deep"));

        var json = JsonSerializer.Serialize(message, ProtocolJsonContext.Default.EventMessage);

        Assert.Equal("""{"id":"h1","seq":7,"type":"error","from":"x","at":"2026-11-27T18:00:00.123Z","hop":65,"reason":"too deep"}""", json);
    }

    [Fact]
    public void Serialize_TimestampWithOffsetAndSubMilliseconds_UtcMillisecondsAndZ()
    {
        var local = new DateTimeOffset(2026, 11, 28, 3, 0, 0, 123, TimeSpan.FromHours(9)).AddTicks(4567);
        var message = EventMessage.Create("h2", 1, new NeuronEvent(NeuronEventType.Kicked, null, local));

        var json = JsonSerializer.Serialize(message, ProtocolJsonContext.Default.EventMessage);

        Assert.Equal("""{"id":"h2","seq":1,"type":"kicked","at":"2026-11-27T18:00:00.123Z"}""", json);
    }

    [Theory]
    [InlineData(NeuronEventType.Kicked, "kicked")]
    [InlineData(NeuronEventType.Fired, "fired")]
    [InlineData(NeuronEventType.Refractory, "refractory")]
    [InlineData(NeuronEventType.Config, "config")]
    [InlineData(NeuronEventType.Button, "button")]
    [InlineData(NeuronEventType.Sensor, "sensor")]
    [InlineData(NeuronEventType.Error, "error")]
    [InlineData(NeuronEventType.Learned, "learned")]
    public void WireName_EveryType_TheProtocolsName(NeuronEventType type, string expected)
    {
        Assert.Equal(expected, EventMessage.WireName(type));
    }

    [Fact]
    public void Serialize_StateMessage_MatchesTheProtocolsStateExample()
    {
        var state = new StateMessage
        {
            Id = "h2", Output = 0, Potential = 1.0, FiredCount = 3, LastFiredAt = At, Config = H2(),
            Version = "0.1.0+6980975f3c1a", HeartbeatSeconds = 30,
        };

        var json = JsonSerializer.Serialize(state, ProtocolJsonContext.Default.StateMessage);

        const string example = """
            {"id":"h2","output":0,"potential":1.0,"firedCount":3,"lastFiredAt":"2026-11-27T18:00:00.123Z",
             "config":{"threshold":1.9,"weights":{"x":1,"y":1},"connections":["z"],
                       "refractoryMs":100,"inputLastingMs":500,"integrationWindowMs":0,
                       "maxHops":64,"maxFiresPerSecond":1000,"learning":{"rule":"none"}},
             "version":"0.1.0+6980975f3c1a","heartbeatSeconds":30}
            """;
        using var expected = JsonDocument.Parse(example);
        using var actual = JsonDocument.Parse(json);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), json);
        Assert.Contains(""","config":{"threshold":1.9,"weights":{"x":1,"y":1},"connections":["z"],"refractoryMs":100,"inputLastingMs":500,"integrationWindowMs":0,"maxHops":64,"maxFiresPerSecond":1000,"learning":{"rule":"none"}}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_StateMessageNeverFired_LastFiredAtNullAndNoLog()
    {
        var state = new StateMessage { Id = "z", Output = 0, Potential = 0, FiredCount = 0, Config = H2() };

        var json = JsonSerializer.Serialize(state, ProtocolJsonContext.Default.StateMessage);

        Assert.StartsWith("""{"id":"z","output":0,"potential":0,"firedCount":0,"lastFiredAt":null,"config":{""", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"log\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("heartbeatSeconds", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_StateOfANodeOlderThanTheHeartbeat_HeartbeatSecondsNull()
    {
        const string old = """{"id":"z","output":0,"potential":0,"firedCount":0,"lastFiredAt":null,"config":{"threshold":1}}""";

        var state = JsonSerializer.Deserialize(old, ProtocolJsonContext.Default.StateMessage);

        Assert.NotNull(state);
        Assert.Null(state.HeartbeatSeconds);
    }

    [Fact]
    public void Serialize_StateMessageWithLog_CarriesTheEvents()
    {
        var log = new[] { EventMessage.Create("z", 1, new NeuronEvent(NeuronEventType.Kicked, "h1", At, 2)) };
        var state = new StateMessage { Id = "z", Output = 0, Potential = 0, FiredCount = 0, Config = H2(), Log = log };

        var json = JsonSerializer.Serialize(state, ProtocolJsonContext.Default.StateMessage);

        Assert.EndsWith(""","log":[{"id":"z","seq":1,"type":"kicked","from":"h1","at":"2026-11-27T18:00:00.123Z","hop":2}]}""", json, StringComparison.Ordinal);
    }
}
