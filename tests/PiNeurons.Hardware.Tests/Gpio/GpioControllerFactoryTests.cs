using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

public sealed class GpioControllerFactoryTests
{
    [Fact]
    public void Create_Simulated_UsesGivenBoard()
    {
        var board = new SimulatedGpioDriver();
        using var gpio = GpioControllerFactory.Create(GpioDriverKind.Simulated, simulated: board);

        gpio.OpenPin(17, PinMode.Output);
        gpio.Write(17, PinValue.High);

        Assert.Equal(PinValue.High, board.GetOutput(17));
    }

    // This machine and CI have no /dev/gpiochip*, so every real driver must fail with the friendly exception.
    [Theory]
    [InlineData(GpioDriverKind.Auto, "new GpioController()")]
    [InlineData(GpioDriverKind.LibGpiod, "LibGpiodDriver")]
    [InlineData(GpioDriverKind.LibGpiodV2, "LibGpiodV2Driver")]
    public void Create_RealDriverWithoutGpio_ThrowsGpioUnavailableWithAdvice(GpioDriverKind kind, string driver)
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioControllerFactory.Create(kind));

        Assert.Contains("--gpio simulated", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"--gpio {GpioControllerFactory.Format(kind)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(driver, ex.Message, StringComparison.Ordinal);
        Assert.Contains("libgpiod3 on Trixie", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
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
