using PiNeurons.Core.Configuration;

namespace PiNeurons.Core.Tests.Configuration;

public sealed class CommandLineSwitchesTests
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal) { ["--broker"] = "S:Broker", ["--root"] = "S:Root" };

    [Fact]
    public void Parse_BothForms_MapToTheirKeys()
    {
        var values = CommandLineSwitches.Parse(["--broker", "mqtt://a", "--root=r"], Keys);

        Assert.Equal("mqtt://a", values["S:Broker"]);
        Assert.Equal("r", values["S:Root"]);
    }

    [Theory]
    [InlineData("--brokr", "unknown option '--brokr'")]
    [InlineData("--broker", "option --broker needs a value")]
    [InlineData("--S:Broker=x", "unknown option '--S:Broker=x'")]
    public void Parse_BadArgument_SaysWhat(string arg, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLineSwitches.Parse([arg], Keys));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PassThrough_TakesOnlyWhatItAccepts()
    {
        var values = CommandLineSwitches.Parse(["--S:Broker=x"], Keys, name => name.Contains(':', StringComparison.Ordinal));

        Assert.Equal("x", values["S:Broker"]);
        Assert.Throws<ArgumentException>(() => CommandLineSwitches.Parse(["--other=x"], Keys, name => name.Contains(':', StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("-h", true)]
    [InlineData("--help", true)]
    [InlineData("--root", false)]
    public void WantsHelp_RecognisesTheHelpSwitches(string arg, bool expected) =>
        Assert.Equal(expected, CommandLineSwitches.WantsHelp([arg]));
}
