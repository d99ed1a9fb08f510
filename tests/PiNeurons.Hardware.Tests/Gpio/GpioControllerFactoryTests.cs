using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

public sealed class GpioControllerFactoryTests : IDisposable
{
    // A folder with no gpiochip devices: a machine without GPIO, whatever this one has.
    private readonly string _noChips = Directory.CreateTempSubdirectory("pineurons-nochips-").FullName;

    public void Dispose() => Directory.Delete(_noChips, recursive: true);

    [Fact]
    public void Open_Simulated_UsesGivenBoardAndReadsNoChips()
    {
        var board = new SimulatedGpioDriver();
        var (gpio, selection) = GpioControllerFactory.Open(GpioDriverKind.Simulated, GpioChipRequest.Header, new GpioChipDevices(Path.Combine(_noChips, "absent")), board);
        using (gpio)
        {
            gpio.OpenPin(17, PinMode.Output);
            gpio.Write(17, PinValue.High);
            Assert.Equal(PinValue.High, board.GetOutput(17));
        }

        Assert.Equal("simulated board (no hardware)", selection.ToString());
    }

    [Theory]
    [InlineData(GpioDriverKind.Auto)]
    [InlineData(GpioDriverKind.LibGpiod)]
    [InlineData(GpioDriverKind.LibGpiodV2)]
    public void Open_RealDriverWithoutChips_ThrowsGpioUnavailableSuggestingSimulated(GpioDriverKind kind)
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioControllerFactory.Open(kind, GpioChipRequest.Header, new GpioChipDevices(_noChips)));

        Assert.Contains("No GPIO chips were found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--gpio simulated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gpio.chip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_ChipIsDecidedBeforeTheLibrary_SoNoLibgpiodStillListsTheChips()
    {
        GpioChip[] chips = [new(0, "gpio-brcmstb@107d508500", 32)];

        var ex = Assert.Throws<GpioUnavailableException>(() => GpioControllerFactory.Select(GpioDriverKind.Auto, GpioChipRequest.Header, chips, LibgpiodLibraries.None));

        Assert.Contains("gpiochip0 'gpio-brcmstb@107d508500' (32 lines)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoOnAPi5WithLibgpiod2_SaysLibraryChipAndBoard()
    {
        GpioChip[] chips = [new(0, "pinctrl-rp1", 54), new(10, "gpio-brcmstb@107d508500", 32)];

        var selection = GpioControllerFactory.Select(GpioDriverKind.Auto, GpioChipRequest.Header, chips, LibgpiodLibraries.V1 | LibgpiodLibraries.V2);

        Assert.Equal(GpioDriverKind.LibGpiodV2, selection.Driver);
        Assert.Equal("libgpiod 2.x, chip gpiochip0 'pinctrl-rp1' (Raspberry Pi 5, 500 or CM5)", selection.ToString());
    }

    [Fact]
    public void Select_NamedDriverAndChip_SaysWhatNamedThem()
    {
        GpioChip[] chips = [new(0, "pinctrl-bcm2711", 58), new(1, "raspberrypi-exp-gpio", 8)];

        var selection = GpioControllerFactory.Select(GpioDriverKind.LibGpiod, new GpioChipRequest(Number: 1), chips, LibgpiodLibraries.None);

        Assert.Equal("libgpiod 1.x, chip gpiochip1 'raspberrypi-exp-gpio' (named by gpio.chip)", selection.ToString());
    }

    [Theory]
    [InlineData("simulated", GpioDriverKind.Simulated)]
    [InlineData("AUTO", GpioDriverKind.Auto)]
    [InlineData("LibGpiod", GpioDriverKind.LibGpiod)]
    [InlineData(" libgpiodv2 ", GpioDriverKind.LibGpiodV2)]
    public void TryParse_KnownName_ReturnsKind(string text, GpioDriverKind expected)
    {
        Assert.True(GpioControllerFactory.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sysfs")]
    [InlineData(null)]
    public void TryParse_UnknownName_ReturnsFalse(string? text)
    {
        Assert.False(GpioControllerFactory.TryParse(text, out _));
    }
}
