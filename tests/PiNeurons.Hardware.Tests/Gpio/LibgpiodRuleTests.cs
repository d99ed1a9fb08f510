using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

public sealed class LibgpiodRuleTests
{
    [Theory]
    [InlineData(LibgpiodLibraries.V2, GpioDriverKind.LibGpiodV2)]
    [InlineData(LibgpiodLibraries.V1 | LibgpiodLibraries.V2, GpioDriverKind.LibGpiodV2)]
    [InlineData(LibgpiodLibraries.V1, GpioDriverKind.LibGpiod)]
    public void Choose_Auto_TwoPointXWhenItLoadsElseOnePointX(LibgpiodLibraries installed, GpioDriverKind expected)
    {
        Assert.Equal(expected, LibgpiodRule.Choose(GpioDriverKind.Auto, installed));
    }

    [Fact]
    public void Choose_AutoWithNoLibgpiod_FailsNamingThePackages()
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => LibgpiodRule.Choose(GpioDriverKind.Auto, LibgpiodLibraries.None));

        Assert.Contains("libgpiod3 on Trixie, libgpiod2 on Bookworm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--gpio simulated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GpioDriverKind.LibGpiod)]
    [InlineData(GpioDriverKind.LibGpiodV2)]
    public void Choose_NamedDriver_TakenAsNamedWhateverLoads(GpioDriverKind named)
    {
        Assert.Equal(named, LibgpiodRule.Choose(named, LibgpiodLibraries.None));
    }
}
