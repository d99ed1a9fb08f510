namespace PiNeurons.Hardware.Sensors.Polled.Dht22;

/// <summary>
/// Decodes a DHT22 (AM2302) answer from the times its line changed level. Pure: no GPIO, no clock.
/// </summary>
/// <remarks>
/// AM2302 datasheet, "single-bus communication": after the host releases the line (high), the sensor
/// pulls it low for 80 µs and high for 80 µs, then sends 40 bits, each a 50 µs low followed by a high of
/// 26-28 µs for 0 or 70 µs for 1, most significant first: humidity ×10 (16 bits), temperature ×10
/// (16 bits, top bit = negative), and a checksum byte, the low byte of the sum of the other four.
/// </remarks>
internal static class Dht22Decoder
{
    public const int Bits = 40;

    // Halfway between a 0's 28 µs and a 1's 70 µs high, so a sampled edge may be late by 20 µs either way.
    private static readonly TimeSpan OneThreshold = TimeSpan.FromMicroseconds(48);

    /// <summary>Decodes the frame.</summary>
    /// <param name="edges">
    /// When the line changed level, measured from the host's release, starting from high: so the
    /// first edge is the sensor's answer going low.
    /// </param>
    /// <exception cref="InvalidDataException">No answer, a short frame, a bad checksum; the message says which.</exception>
    public static Dht22Frame Decode(ReadOnlySpan<TimeSpan> edges)
    {
        if (edges.Length == 0)
        {
            throw new InvalidDataException("no answer (check wiring and the 10 kΩ pull-up on the data line)");
        }

        // Edge 0 falls (answer low), edge 1 rises (answer high), edge 2 falls: the first bit's low.
        // Bit i's high runs from edge 3 + 2i (rising) to edge 4 + 2i (falling).
        var bits = Math.Max(0, (edges.Length - 3) / 2);
        if (bits < Bits)
        {
            throw new InvalidDataException($"incomplete frame: {bits} of {Bits} bits arrived");
        }

        Span<byte> data = stackalloc byte[5];
        for (var i = 0; i < Bits; i++)
        {
            var high = edges[4 + (2 * i)] - edges[3 + (2 * i)];
            if (high > OneThreshold)
            {
                data[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        var sum = (byte)(data[0] + data[1] + data[2] + data[3]);
        if (sum != data[4])
        {
            throw new InvalidDataException($"checksum mismatch (frame says 0x{data[4]:X2}, data sums to 0x{sum:X2})");
        }

        var humidity = ((data[0] << 8) | data[1]) / 10.0;
        var magnitude = (((data[2] & 0x7F) << 8) | data[3]) / 10.0;
        var temperature = (data[2] & 0x80) != 0 ? -magnitude : magnitude;
        return new Dht22Frame(humidity, temperature);
    }
}
