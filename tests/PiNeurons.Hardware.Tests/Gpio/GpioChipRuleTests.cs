using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

/// <summary>The chip rule on the layouts the Pis have (as gpiodetect shows them), decoys, and none.</summary>
public sealed class GpioChipRuleTests
{
    // Pi 3 B+: the SoC's chip, then the firmware's expander.
    private static readonly GpioChip[] Pi3 = [new(0, "pinctrl-bcm2835", 54), new(1, "raspberrypi-exp-gpio", 8)];

    // Pi 4 B: the same driver, labelled for the bcm2711.
    private static readonly GpioChip[] Pi4 = [new(0, "pinctrl-bcm2711", 58), new(1, "raspberrypi-exp-gpio", 8)];

    // Pi 5 on early kernels: the SoC's GPIO banks first, RP1 (the header) at 4.
    private static readonly GpioChip[] Pi5Early =
    [
        new(0, "gpio-brcmstb@107d508500", 32), new(1, "gpio-brcmstb@107d508520", 4),
        new(2, "gpio-brcmstb@107d517c00", 17), new(3, "gpio-brcmstb@107d517c20", 6), new(4, "pinctrl-rp1", 54),
    ];

    // Pi 5 on later kernels: RP1 at 0, the SoC's banks moved to 10 and up.
    private static readonly GpioChip[] Pi5Later =
    [
        new(0, "pinctrl-rp1", 54), new(10, "gpio-brcmstb@107d508500", 32), new(11, "gpio-brcmstb@107d508520", 4),
        new(12, "gpio-brcmstb@107d517c00", 17), new(13, "gpio-brcmstb@107d517c20", 6),
    ];

    public static TheoryData<string, int, string> Boards => new()
    {
        { nameof(Pi3), 0, "Raspberry Pi 3, Zero 2 W, 2 or 1" },
        { nameof(Pi4), 0, "Raspberry Pi 4, 400 or CM4" },
        { nameof(Pi5Early), 4, "Raspberry Pi 5, 500 or CM5" },
        { nameof(Pi5Later), 0, "Raspberry Pi 5, 500 or CM5" },
    };

    private static GpioChip[] Layout(string name) => name switch
    {
        nameof(Pi3) => Pi3,
        nameof(Pi4) => Pi4,
        nameof(Pi5Early) => Pi5Early,
        _ => Pi5Later,
    };

    [Theory]
    [MemberData(nameof(Boards))]
    public void Choose_NothingNamed_TakesTheHeaderChipByItsLabel(string board, int expected, string reason)
    {
        var choice = GpioChipRule.Choose(Layout(board), GpioChipRequest.Header);

        Assert.Equal(expected, choice.Chip.Number);
        Assert.Equal(reason, choice.Reason);
    }

    [Fact]
    public void Choose_OnlyDecoys_FailsListingEveryChipWithNumberLabelAndLines()
    {
        GpioChip[] decoys = [new(0, "gpio-sim.0-node0", 8), new(1, "pinctrl-rp1-old", 54)];

        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(decoys, GpioChipRequest.Header));

        Assert.Contains("no chip carries the label of a Raspberry Pi header", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO chips found: gpiochip0 'gpio-sim.0-node0' (8 lines), gpiochip1 'pinctrl-rp1-old' (54 lines).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pinctrl-rp1 (Raspberry Pi 5, 500 or CM5)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gpio.chip: N or gpio.label: LABEL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--gpio simulated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NoChipsAtAll_SaysNoneWereFound()
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose([], GpioChipRequest.Header));

        Assert.Contains("No GPIO chips were found (no /dev/gpiochip*).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--gpio simulated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_TwoHeaderLabels_RefusesToGuess()
    {
        GpioChip[] two = [new(0, "pinctrl-bcm2711", 58), new(3, "pinctrl-rp1", 54)];

        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(two, GpioChipRequest.Header));

        Assert.Contains("2 chips carry a header label (gpiochip0, gpiochip3): name one with gpio.chip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_UnreadableHeaderChip_NotTakenAndListedWithItsProblem()
    {
        GpioChip[] chips = [new(0, string.Empty, 0) { Problem = "permission denied; is the user in group gpio?" }];

        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(chips, GpioChipRequest.Header));

        Assert.Contains("gpiochip0 (unreadable: permission denied; is the user in group gpio?)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ChipNamed_TakenWhateverItsLabel()
    {
        var choice = GpioChipRule.Choose(Pi5Later, new GpioChipRequest(Number: 10));

        Assert.Equal("chip gpiochip10 'gpio-brcmstb@107d508500' (named by gpio.chip)", choice.ToString());
    }

    [Fact]
    public void Choose_ChipNamedThatDoesNotExist_FailsListingTheChips()
    {
        // A manifest written for an early Pi 5 kernel (gpiochip4) on a later one.
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(Pi5Later, new GpioChipRequest(Number: 4)));

        Assert.Contains("gpio.chip 4: there is no gpiochip4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gpiochip0 'pinctrl-rp1' (54 lines)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_LabelNamed_TakesTheChipWithIt()
    {
        var choice = GpioChipRule.Choose(Pi3, new GpioChipRequest(Label: "raspberrypi-exp-gpio"));

        Assert.Equal("chip gpiochip1 'raspberrypi-exp-gpio' (named by gpio.label)", choice.ToString());
    }

    [Fact]
    public void Choose_LabelNamedThatNoChipHas_Fails()
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(Pi4, new GpioChipRequest(Label: "pinctrl-rp1")));

        Assert.Contains("no chip is labelled 'pinctrl-rp1' (gpio.label)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ChipAndLabelThatAgree_Taken()
    {
        var choice = GpioChipRule.Choose(Pi5Early, new GpioChipRequest(4, "pinctrl-rp1"));

        Assert.Equal("chip gpiochip4 'pinctrl-rp1' (named by gpio.chip and gpio.label)", choice.ToString());
    }

    [Fact]
    public void Choose_ChipAndLabelThatDisagree_Fails()
    {
        // gpio.chip 4 was RP1 on the early kernel; on the later one it is not there, and 0 is not RP1 on a Pi 4.
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioChipRule.Choose(Pi4, new GpioChipRequest(0, "pinctrl-rp1")));

        Assert.Contains("gpio.chip 0 is gpiochip0 'pinctrl-bcm2711' (58 lines), not labelled 'pinctrl-rp1' (gpio.label)", ex.Message, StringComparison.Ordinal);
    }
}
