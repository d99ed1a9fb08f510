namespace PiNeurons.Mqtt.Tests;

public class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.local:1884", "mqtt", "broker.local", 1884, false)]
    [InlineData("mqtt://broker.local", "mqtt", "broker.local", 1883, false)]
    [InlineData("mqtts://broker.local", "mqtts", "broker.local", 8883, true)]
    [InlineData("mqtts://10.0.0.2:9999", "mqtts", "10.0.0.2", 9999, true)]
    [InlineData("tcp://127.0.0.1:1883", "mqtt", "127.0.0.1", 1883, false)]
    [InlineData("MQTT://Pi-Hub:1883/", "mqtt", "Pi-Hub", 1883, false)]
    [InlineData("raspberrypi", "mqtt", "raspberrypi", 1883, false)]
    [InlineData("  192.168.1.10:1999 ", "mqtt", "192.168.1.10", 1999, false)]
    [InlineData("[::1]", "mqtt", "::1", 1883, false)]
    [InlineData("mqtt://[fe80::1]:1884", "mqtt", "fe80::1", 1884, false)]
    public void Parse_AcceptedForms_GivesParts(string text, string scheme, string host, int port, bool tls)
    {
        var address = BrokerAddress.Parse(text);

        Assert.Equal(new BrokerAddress(scheme, host, port, tls), address);
    }

    [Theory]
    [InlineData("broker", "mqtt://broker:1883")]
    [InlineData("tcp://h:2000", "mqtt://h:2000")]
    [InlineData("mqtts://h", "mqtts://h:8883")]
    [InlineData("[::1]:1884", "mqtt://[::1]:1884")]
    public void ToString_GivesUrlWithPort(string text, string expected) =>
        Assert.Equal(expected, BrokerAddress.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://broker:1883")]
    [InlineData("mqtt://")]
    [InlineData("mqtt://broker:0")]
    [InlineData("mqtt://broker:65536")]
    [InlineData("broker:abc")]
    [InlineData("broker:")]
    [InlineData(":1883")]
    [InlineData("mqtt://broker:1883/path")]
    [InlineData("::1")]
    [InlineData("[::1")]
    [InlineData("bro ker")]
    public void Parse_BadInput_ThrowsFormatExceptionNamingAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => BrokerAddress.Parse(text));

        Assert.Contains("mqtt://host[:port]", error.Message, StringComparison.Ordinal);
        Assert.False(BrokerAddress.TryParse(text, out var address, out var message));
        Assert.Null(address);
        Assert.Equal(error.Message, message);
    }

    [Fact]
    public void TryParse_Null_ReportsEmpty()
    {
        Assert.False(BrokerAddress.TryParse(null, out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }
}
