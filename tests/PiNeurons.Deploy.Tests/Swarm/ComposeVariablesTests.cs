namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary><see cref="ComposeVariables"/> and <see cref="GoDuration"/> read a stack file's variables and durations as
/// Docker does, or the rules built on them would judge a different file from the one deployed.</summary>
public sealed class ComposeVariablesTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["SET"] = "value", ["EMPTY"] = "" };

    [Theory]
    [InlineData("${SET:-x}/${UNSET:-y}", "value/y")]
    [InlineData("${EMPTY:-x}|${EMPTY-x}", "x|")]
    [InlineData("${UNSET-x}|${UNSET}|$SET", "x||value")]
    [InlineData("[ \"$$code\" = 200 ]", "[ \"$code\" = 200 ]")]
    public void Fill_ReplacesVariablesAsComposeDoes(string text, string expected) =>
        Assert.Equal(expected, ComposeVariables.Fill(text, Environment));

    [Theory]
    [InlineData("180s", 180)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    public void Parse_GoDurations(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("")]
    public void Parse_NotADuration_IsNull(string text) =>
        Assert.Null(GoDuration.Parse(text));
}
