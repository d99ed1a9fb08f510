using PiNeurons.Node.Sensors;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>A sensor that keeps failing is reported once per run of identical failures, again every few minutes,
/// and anew when the reason changes: an unplugged BME280 must not put an error on the events topic every poll.</summary>
public class FailureRunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Reminder = TimeSpan.FromMinutes(5);

    private static FailureRun Sensor() => new();

    [Fact]
    public void ShouldReport_SameReasonEveryPoll_OnceThenAgainAfterTheReminderWithTheCount()
    {
        var sensor = Sensor();

        var reported = Enumerable.Range(0, 200).Select(i => sensor.ShouldReport("no answer", T0.AddSeconds(2 * i), Reminder)).ToList();

        // Polls at 0 s and at 300 s (the 151st read) are reported; the 149 between are not.
        Assert.Equal([0, 150], reported.Select((r, i) => (r, i)).Where(x => x.r).Select(x => x.i));
        Assert.Equal("no answer (200 reads in a row failed)", sensor.Describe("no answer"));
    }

    [Fact]
    public void ShouldReport_ReasonChanges_ReportedAtOnce()
    {
        var sensor = Sensor();

        Assert.True(sensor.ShouldReport("no answer", T0, Reminder));
        Assert.True(sensor.ShouldReport("checksum error", T0.AddSeconds(2), Reminder));
    }

    [Fact]
    public void Ended_AfterFailures_TrueOnceAndTheNextFailureIsReportedAgain()
    {
        var sensor = Sensor();
        sensor.ShouldReport("no answer", T0, Reminder);

        Assert.True(sensor.Ended());
        Assert.False(sensor.Ended());
        Assert.True(sensor.ShouldReport("no answer", T0.AddSeconds(4), Reminder));
        Assert.Equal("no answer", sensor.Describe("no answer"));
    }
}
