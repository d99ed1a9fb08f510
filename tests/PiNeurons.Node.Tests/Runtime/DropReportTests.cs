using Microsoft.Extensions.Time.Testing;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Tests.Runtime;

public sealed class DropReportTests
{
    [Fact]
    public void FirstRefusal_IsLoggedAtOnce()
    {
        var report = new DropReport(new FakeTimeProvider());

        Assert.True(report.Refused(out var count, out var since));
        Assert.Equal(1, count);
        Assert.Equal(TimeSpan.Zero, since);
    }

    [Fact]
    public void RefusalsWithinTheInterval_AreCountedIntoTheNextLine()
    {
        var time = new FakeTimeProvider();
        var report = new DropReport(time);
        report.Refused(out _, out _);

        for (var i = 0; i < 4999; i++)
        {
            Assert.False(report.Refused(out _, out _));
        }

        time.Advance(DropReport.Interval);
        Assert.True(report.Refused(out var count, out var since));
        Assert.Equal(5000, count);
        Assert.Equal(DropReport.Interval, since);
        Assert.False(report.Refused(out _, out _));
    }
}
