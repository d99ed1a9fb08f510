using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;

namespace PiNeurons.Hardware.Tests.Boards;

public sealed class BoardSpecValidatorOutputsTests
{
    private static readonly BoardSpec Base = new(new LedSpec(17), new ButtonSpec(27), [new DigitalSensorSpec("pir", 22)]);

    [Theory]
    [InlineData(17, 23, "pin 17 is used by both led and potential led")]
    [InlineData(24, 24, "pin 24 is used by both potential led and status led")]
    [InlineData(24, 27, "pin 27 is used by both status led and button")]
    [InlineData(22, 23, "pin 22 is used by both potential led and sensor:pir")]
    public void Validate_SharedPin_NamesBothParts(int potentialPin, int statusPin, string message)
    {
        var spec = Base with { PotentialLed = new PotentialLedSpec(potentialPin), StatusLed = new StatusLedSpec(statusPin) };

        AssertRejected(spec, message);
    }

    [Fact]
    public void Validate_StatusLedOnSensorPin_NamesSensor()
    {
        AssertRejected(Base with { StatusLed = new StatusLedSpec(22) }, "pin 22 is used by both status led and sensor:pir");
    }

    [Theory]
    [InlineData(-1, 23, "PotentialLed.Pin")]
    [InlineData(24, -2, "StatusLed.Pin")]
    public void Validate_NegativeOutputPin_NamesField(int potentialPin, int statusPin, string field)
    {
        var spec = Base with { PotentialLed = new PotentialLedSpec(potentialPin), StatusLed = new StatusLedSpec(statusPin) };

        AssertRejected(spec, field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Validate_FrequencyOutOfRange_NamesFieldAndRange(int frequency)
    {
        AssertRejected(
            Base with { PotentialLed = new PotentialLedSpec(24, FrequencyHz: frequency) },
            $"PotentialLed.FrequencyHz must be 1 to 100000 Hz (was {frequency})");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public void Validate_FrequencyAtBounds_Accepted(int frequency)
    {
        BoardSpecValidator.Validate(Base with { PotentialLed = new PotentialLedSpec(24, FrequencyHz: frequency) });
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0)]
    public void Validate_OnlyChipOrOnlyChannel_SaysTheyGoTogether(int? chip, int? channel)
    {
        AssertRejected(
            Base with { PotentialLed = new PotentialLedSpec(18, PwmChip: chip, PwmChannel: channel) },
            "PotentialLed.PwmChip and PotentialLed.PwmChannel go together");
    }

    [Fact]
    public void Validate_ActiveLowWithSoftwarePwm_Accepted()
    {
        BoardSpecValidator.Validate(Base with { PotentialLed = new PotentialLedSpec(24, ActiveLow: true) });
    }

    [Theory]
    [InlineData(49, 1000, "Button.DoubleClickMs must be 50 to 2000 ms (was 49)")]
    [InlineData(2001, 1000, "Button.DoubleClickMs must be 50 to 2000 ms (was 2001)")]
    [InlineData(400, 199, "Button.LongPressMs must be 200 to 10000 ms (was 199)")]
    [InlineData(400, 10_001, "Button.LongPressMs must be 200 to 10000 ms (was 10001)")]
    public void Validate_ClickWindowOutOfRange_NamesFieldAndRange(int doubleClickMs, int longPressMs, string message)
    {
        AssertRejected(Base with { Button = new ButtonSpec(27, DoubleClickMs: doubleClickMs, LongPressMs: longPressMs) }, message);
    }

    [Theory]
    [InlineData(50, 200)]
    [InlineData(2000, 10_000)]
    [InlineData(2000, 200)]
    public void Validate_ClickWindowsAtBoundsInAnyOrder_Accepted(int doubleClickMs, int longPressMs)
    {
        BoardSpecValidator.Validate(Base with { Button = new ButtonSpec(27, DoubleClickMs: doubleClickMs, LongPressMs: longPressMs) });
    }

    [Fact]
    public void ButtonSpec_OldPositionalConstructor_DefaultsClickWindows()
    {
        var spec = new ButtonSpec(27, PullMode.Up, 20);

        Assert.Equal((400, 1000), (spec.DoubleClickMs, spec.LongPressMs));
    }

    private static void AssertRejected(BoardSpec spec, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => BoardSpecValidator.Validate(spec));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
