using PiNeurons.Cli.Commands;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Tests.Commands;

public class WatchLineFormatterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 18, 0, 0, 123, TimeSpan.Zero);
    private readonly WatchLineFormatter _formatter = new(TimeZoneInfo.Utc);

    [Fact]
    public void FormatEvent_Fired_ShowsSeqTypeFromAndHop() =>
        Assert.Equal(
            "18:00:00.123  h2   #42  fired       from x  hop 1",
            _formatter.FormatEvent(new EventMessage { Id = "h2", Seq = 42, Type = "fired", From = "x", Hop = 1, At = At }));

    [Fact]
    public void FormatEvent_Error_ShowsReason() =>
        Assert.Equal(
            "18:00:00.123  h1   #7  error       kick: malformed JSON",
            _formatter.FormatEvent(new EventMessage { Id = "h1", Seq = 7, Type = "error", Reason = "kick: malformed JSON", At = At }));

    [Fact]
    public void FormatEvent_Click_ShowsTheClickType() =>
        Assert.Equal(
            "18:00:00.123  x    #9  button      from button  double click",
            _formatter.FormatEvent(new EventMessage { Id = "x", Seq = 9, Type = "button", From = "button", Click = "double", At = At }));

    [Fact]
    public void FormatEvent_SensorCrossingWithUnsetClock_ShowsWhatItCrossedAndTheClock() =>
        Assert.Equal(
            "18:00:00.123  t    #3  sensor      from sensor:room  rose to 25.2 °C, above the threshold 25 °C  (clock unsynchronized)",
            _formatter.FormatEvent(new EventMessage
            {
                Id = "t", Seq = 3, Type = "sensor", From = "sensor:room", Reason = "rose to 25.2 °C, above the threshold 25 °C", Clock = "unsynchronized", At = At,
            }));

    [Fact]
    public void FormatEvent_LearnedWeight_ShowsInputRuleFieldOldToNewAndCause() =>
        Assert.Equal(
            "18:00:00.123  z    #12  learned     from h1  perceptron weight 0.5 -> 0.75  teach: target 1, output 0",
            _formatter.FormatEvent(new EventMessage
            {
                Id = "z", Seq = 12, Type = "learned", From = "h1", Rule = "perceptron", Field = "weight", Old = 0.5, New = 0.75,
                Reason = "teach: target 1, output 0", At = At,
            }));

    [Fact]
    public void FormatEvent_LearnedThreshold_ShowsRuleFieldOldToNew() =>
        Assert.Equal(
            "18:00:00.123  z    #13  learned     perceptron threshold 0.9 -> 0.65  teach: target 1, output 0",
            _formatter.FormatEvent(new EventMessage
            {
                Id = "z", Seq = 13, Type = "learned", Rule = "perceptron", Field = "threshold", Old = 0.9, New = 0.65,
                Reason = "teach: target 1, output 0", At = At,
            }));

    [Fact]
    public void FormatEvent_NoDetails_HasNoTrailingSpace() =>
        Assert.Equal("18:00:00.123  h1   #1  config", _formatter.FormatEvent(new EventMessage { Id = "h1", Seq = 1, Type = "config", At = At }));

    [Fact]
    public void FormatEvent_LongId_StillSeparated() =>
        Assert.StartsWith("18:00:00.123  neuron-7 #1  kicked", _formatter.FormatEvent(new EventMessage { Id = "neuron-7", Seq = 1, Type = "kicked", At = At }), StringComparison.Ordinal);

    [Fact]
    public void FormatStatus_AlignsWithEvents() =>
        Assert.Equal("18:00:00.120  z    status      offline", _formatter.FormatStatus("z", "offline", At.AddMilliseconds(-3)));

    [Fact]
    public void FormatTime_UsesTheGivenZone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        Assert.Equal("20:00:00.123", new WatchLineFormatter(plusTwo).FormatTime(At));
    }

    [Fact]
    public void TryParseEvent_ProtocolExample_Parses()
    {
        var e = WatchLineFormatter.TryParseEvent("""{"id":"h2","seq":42,"type":"fired","from":"x","at":"2026-11-27T18:00:00.123Z"}"""u8);
        Assert.NotNull(e);
        Assert.Equal(("h2", 42L, "fired", "x", At), (e.Id, e.Seq, e.Type, e.From, e.At));
    }

    [Fact]
    public void TryParseEvent_NotJson_IsNull() => Assert.Null(WatchLineFormatter.TryParseEvent("online"u8));

    [Fact]
    public void StatusJson_IsOneJsonObject() =>
        Assert.Equal("""{"id":"z","type":"status","status":"offline"}""", WatchLineFormatter.StatusJson("z", "offline"));
}
