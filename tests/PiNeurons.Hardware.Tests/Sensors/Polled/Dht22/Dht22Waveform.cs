namespace PiNeurons.Hardware.Tests.Sensors.Polled.Dht22;

/// <summary>
/// The answer of a DHT22 to a start signal, as the AM2302 datasheet draws it ("single-bus
/// communication"): from the host's release, 30 µs of pull-up, 80 µs low, 80 µs high, then per bit
/// 50 µs low and a high of 27 µs (0) or 70 µs (1), a closing 50 µs low, and the line released.
/// </summary>
internal static class Dht22Waveform
{
    public static readonly TimeSpan ZeroHigh = TimeSpan.FromMicroseconds(27);
    public static readonly TimeSpan OneHigh = TimeSpan.FromMicroseconds(70);

    /// <summary>The times the line changes level, from the release, starting high.</summary>
    public static IReadOnlyList<TimeSpan> Edges(params byte[] frame)
    {
        var t = TimeSpan.FromMicroseconds(30);
        List<TimeSpan> edges = [t];
        t += TimeSpan.FromMicroseconds(80);
        edges.Add(t);
        t += TimeSpan.FromMicroseconds(80);
        edges.Add(t);
        foreach (var b in frame)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                t += TimeSpan.FromMicroseconds(50);
                edges.Add(t);
                t += ((b >> bit) & 1) == 1 ? OneHigh : ZeroHigh;
                edges.Add(t);
            }
        }

        t += TimeSpan.FromMicroseconds(50);
        edges.Add(t);
        return edges;
    }

    /// <summary>The level at <paramref name="t"/> after the release: high before the first edge, then alternating.</summary>
    public static bool IsHighAt(IReadOnlyList<TimeSpan> edges, TimeSpan t)
    {
        var passed = 0;
        while (passed < edges.Count && edges[passed] <= t)
        {
            passed++;
        }

        return passed % 2 == 0;
    }
}
