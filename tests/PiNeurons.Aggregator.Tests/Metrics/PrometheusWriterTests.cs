using PiNeurons.Aggregator.Metrics;

namespace PiNeurons.Aggregator.Tests.Metrics;

public sealed class PrometheusWriterTests
{
    [Fact]
    public void Histogram_WithLabels_WritesBucketsInfSumAndCountAfterTheFamily()
    {
        var text = new PrometheusWriter();
        text.Family("d_seconds", "histogram", "A delay.");

        text.Histogram("d_seconds", PrometheusWriter.Label("to", "z"), new HistogramSample([new(0.0005, 1), new(2.5, 3)], 4, 10.25));

        Assert.Equal(
            "# HELP d_seconds A delay.\n# TYPE d_seconds histogram\n" +
            "d_seconds_bucket{to=\"z\",le=\"0.0005\"} 1\nd_seconds_bucket{to=\"z\",le=\"2.5\"} 3\nd_seconds_bucket{to=\"z\",le=\"+Inf\"} 4\n" +
            "d_seconds_sum{to=\"z\"} 10.25\nd_seconds_count{to=\"z\"} 4\n",
            text.ToString());
    }

    [Fact]
    public void Histogram_WithoutLabels_WritesOnlyLe()
    {
        var text = new PrometheusWriter();

        text.Histogram("d_seconds", null, new HistogramSample([new(1, 0)], 0, 0));

        Assert.Equal("d_seconds_bucket{le=\"1\"} 0\nd_seconds_bucket{le=\"+Inf\"} 0\nd_seconds_sum 0\nd_seconds_count 0\n", text.ToString());
    }

    [Fact]
    public void LabelAndHelp_QuotesBackslashesAndLineBreaks_AreEscapedAsTheFormatSays()
    {
        var text = new PrometheusWriter();

        text.Family("m", "gauge", "a \"b\" c\\d\ne");
        text.Sample("m", PrometheusWriter.Label("id", "a\"b\\c\nd"), 1);

        Assert.Equal("# HELP m a \"b\" c\\\\d\\ne\n# TYPE m gauge\nm{id=\"a\\\"b\\\\c\\nd\"} 1\n", text.ToString());
    }
}
