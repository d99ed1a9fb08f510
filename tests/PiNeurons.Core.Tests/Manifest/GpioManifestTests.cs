using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

/// <summary>A host's <c>gpio</c> block: the driver, and the chip by number or label or neither (found by label).</summary>
public sealed class GpioManifestTests
{
    private static GpioEntry GpioOf(string gpio) => ClusterManifest.Parse($$"""
        version: 1
        hosts:
          pi-a:
            {{gpio}}
            neurons:
              a: { led: { pin: 17 } }
        """, "test.yaml").FindHost("pi-a")!.Gpio;

    private static string Refusal(string gpio) => Assert.Single(Assert.Throws<ManifestException>(() => GpioOf(gpio)).Problems);

    [Fact]
    public void Parse_NoGpioBlock_AutoWithNoChipNamed()
    {
        Assert.Equal(new GpioEntry("auto", Chip: null, Label: null), GpioOf("# no gpio block"));
    }

    [Fact]
    public void Parse_ChipZero_IsNamedNotDefault()
    {
        // Before chips were found by label, 0 was the default; written out it still means gpiochip0.
        Assert.Equal(new GpioEntry("auto", Chip: 0, Label: null), GpioOf("gpio: { driver: auto, chip: 0 }"));
    }

    [Fact]
    public void Parse_Label_Kept()
    {
        Assert.Equal(new GpioEntry("libgpiodv2", Chip: null, Label: "pinctrl-rp1"), GpioOf("gpio: { driver: libgpiodv2, label: pinctrl-rp1 }"));
    }

    [Fact]
    public void Parse_ChipAndLabel_BothKept()
    {
        Assert.Equal(new GpioEntry("auto", Chip: 4, Label: "pinctrl-rp1"), GpioOf("gpio: { chip: 4, label: pinctrl-rp1 }"));
    }

    [Fact]
    public void Parse_NegativeChip_Refused()
    {
        Assert.EndsWith("hosts.pi-a.gpio.chip: a gpiochip number is 0 or more", Refusal("gpio: { chip: -1 }"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LabelLongerThanTheKernelReports_Refused()
    {
        var label = new string('x', 32);

        Assert.EndsWith($"hosts.pi-a.gpio.label: '{label}' is longer than a chip label can be (31 characters)", Refusal($"gpio: {{ label: {label} }}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LabelOfThirtyOneCharacters_Accepted()
    {
        var label = new string('x', 31);

        Assert.Equal(label, GpioOf($"gpio: {{ label: {label} }}").Label);
    }

    [Fact]
    public void Parse_UnknownGpioField_RefusedListingTheFields()
    {
        Assert.Contains("hosts.pi-a.gpio.pins: unknown field (allowed: driver, chip, label)", Refusal("gpio: { pins: 3 }"), StringComparison.Ordinal);
    }
}
