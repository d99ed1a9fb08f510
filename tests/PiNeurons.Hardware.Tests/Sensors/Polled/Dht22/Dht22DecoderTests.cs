using PiNeurons.Hardware.Sensors.Polled.Dht22;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Dht22;

public sealed class Dht22DecoderTests
{
    // AM2302 datasheet examples: 0x028C = 652 → 65.2 %RH, 0x015F = 351 → 35.1 °C, checksum
    // 0x02 + 0x8C + 0x01 + 0x5F = 0xEE; and temperature 0x8065: sign bit set, 0x65 = 101 → -10.1 °C.
    [Theory]
    [InlineData(new byte[] { 0x02, 0x8C, 0x01, 0x5F, 0xEE }, 65.2, 35.1)]
    [InlineData(new byte[] { 0x02, 0x8C, 0x80, 0x65, 0x73 }, 65.2, -10.1)]
    public void Decode_DatasheetFrame_GivesHumidityAndTemperature(byte[] frame, double humidity, double temperature)
    {
        var decoded = Dht22Decoder.Decode([.. Dht22Waveform.Edges(frame)]);

        Assert.Equal(humidity, decoded.Humidity, 1e-9);
        Assert.Equal(temperature, decoded.Temperature, 1e-9);
    }

    [Fact]
    public void Decode_HighsLateByTwentyMicroseconds_StillDecodes()
    {
        // A sampled edge seen late (a slow read, a preempted loop) lengthens a high; up to 20 µs is tolerated.
        var edges = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEE).ToArray();
        for (var i = 4; i < edges.Length; i += 2)
        {
            edges[i] += TimeSpan.FromMicroseconds(20);
            for (var j = i + 1; j < edges.Length; j++)
            {
                edges[j] += TimeSpan.FromMicroseconds(20);
            }
        }

        Assert.Equal(new Dht22Frame(65.2, 35.1), Round(Dht22Decoder.Decode(edges)));
    }

    [Fact]
    public void Decode_WrongChecksum_ThrowsNamingBoth()
    {
        var error = Assert.Throws<InvalidDataException>(() => Dht22Decoder.Decode([.. Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEF)]));

        Assert.Equal("checksum mismatch (frame says 0xEF, data sums to 0xEE)", error.Message);
    }

    [Fact]
    public void Decode_NoEdges_ThrowsNoAnswer()
    {
        var error = Assert.Throws<InvalidDataException>(() => Dht22Decoder.Decode([]));

        Assert.StartsWith("no answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FrameCutShort_ThrowsCountingBits()
    {
        var edges = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEE).Take(3 + (2 * 37)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => Dht22Decoder.Decode(edges));

        Assert.Equal("incomplete frame: 37 of 40 bits arrived", error.Message);
    }

    private static Dht22Frame Round(Dht22Frame frame) => new(Math.Round(frame.Humidity, 1), Math.Round(frame.Temperature, 1));
}
