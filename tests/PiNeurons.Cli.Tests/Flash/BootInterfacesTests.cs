using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Flash;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Tests.Flash;

public class BootInterfacesTests
{
    /// <summary>A manifest with a DS18B20 on GPIO 17 and two hardware-PWM LEDs, one of each PWM pair.</summary>
    public const string WiredManifest = """
        version: 1
        broker: mqtts://pi-broker.local:8883
        hosts:
          pi-w:
            neurons:
              a:
                potentialLed: { pin: 18, pwmChip: 0, pwmChannel: 0 }
                sensors:
                  - { name: pipe, type: ds18b20, pin: 17, device: 28-00000a1b2c3d }
                  - { name: tank, type: ds18b20, pin: 17, device: 28-00000a1b2c3e }
              b:
                potentialLed: { pin: 13, pwmChip: 0, pwmChannel: 1 }
                sensors:
                  - { name: roof, type: ds18b20, device: 28-00000a1b2c3f }
        """;

    [Fact]
    public void For_RoomYaml_EnablesI2cAndLetsTheNodeReachIt()
    {
        var room = ClusterManifest.Parse(File.ReadAllText(FlashScratch.RepoFile("firmware-config/room.yaml")), "room.yaml");

        var interfaces = BootInterfaces.For(room.FindHost("pi-room")!);

        Assert.True(interfaces.I2c);
        // Its potential LED is software PWM and it has no DS18B20: nothing for config.txt.
        Assert.Null(interfaces.ConfigTxt);
        Assert.Equal(["[Service]", "SupplementaryGroups=i2c", "DeviceAllow=char-i2c rw"], Settings(interfaces.UnitDropIn));
    }

    [Fact]
    public void For_Ds18b20sAndHardwarePwm_OneWireOverlayPerPinAndOnePwmOverlay()
    {
        var host = ClusterManifest.Parse(WiredManifest).FindHost("pi-w")!;

        var interfaces = BootInterfaces.For(host);

        Assert.False(interfaces.I2c);
        Assert.Equal(["[all]", "dtoverlay=w1-gpio,gpiopin=4", "dtoverlay=w1-gpio,gpiopin=17", "dtoverlay=pwm-2chan,pin=18,func=2,pin2=13,func2=4"],
            Settings(interfaces.ConfigTxt));
        Assert.Equal(["[Service]", "ProtectKernelTunables=no"], Settings(interfaces.UnitDropIn));
    }

    [Fact]
    public void For_XorYaml_NothingToEnable()
    {
        var xor = ClusterManifest.Parse(File.ReadAllText(FlashScratch.XorManifest), "xor.yaml");

        Assert.All(xor.Hosts, h => Assert.Equal(BootInterfaces.None, BootInterfaces.For(h)));
    }

    [Theory]
    [InlineData(18, "dtoverlay=pwm,pin=18,func=2")]
    [InlineData(12, "dtoverlay=pwm,pin=12,func=4")]
    [InlineData(19, "dtoverlay=pwm,pin=19,func=2")]
    [InlineData(13, "dtoverlay=pwm,pin=13,func=4")]
    public void PwmOverlay_OnePin_ThePwmOverlayWithItsFunction(int pin, string expected)
    {
        Assert.Equal(expected, PwmOverlay.For("pi-a", [("a.potentialLed", pin)]));
    }

    [Fact]
    public void PwmOverlay_OnePinOfEachPair_PwmTwoChanWithThePwm0PinFirst()
    {
        Assert.Equal("dtoverlay=pwm-2chan,pin=12,func=4,pin2=19,func2=2", PwmOverlay.For("pi-a", [("a.potentialLed", 19), ("b.potentialLed", 12)]));
    }

    [Fact]
    public void PwmOverlay_PinWithoutPwm_RefusedNamingTheLedAndThePins()
    {
        var ex = Assert.Throws<CliUsageException>(() => PwmOverlay.For("pi-a", [("a.potentialLed", 5)]));

        Assert.Contains("host pi-a: a.potentialLed is on GPIO 5 with pwmChip/pwmChannel, but only GPIO 12, 13, 18 and 19", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PwmOverlay_TwoPinsOfOnePair_RefusedSayingWhatFlashCanDo()
    {
        var ex = Assert.Throws<CliUsageException>(() => PwmOverlay.For("pi-a", [("a.potentialLed", 12), ("b.potentialLed", 18)]));

        Assert.Contains("hardware PWM on GPIO 12 and 18: flash switches on one pin of GPIO 12/18 and one of GPIO 13/19", ex.Message, StringComparison.Ordinal);
    }

    // A file's settings: its lines without comments and blank lines.
    private static string[] Settings(string? text) =>
        [.. (text ?? "").Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];
}
