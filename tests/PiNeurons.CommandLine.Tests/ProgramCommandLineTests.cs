using PiNeurons.Core;

namespace PiNeurons.CommandLine.Tests;

public sealed class ProgramCommandLineTests
{
    private static readonly OptionSpec[] Specs =
    [
        new("--broker", "S:Broker", "the broker", "URL"),
        new("--state-dir", "S:StateDir", "where state goes", "DIR"),
        new("--insecure", "S:Insecure", "allow clear text", null),
    ];

    private static ProgramCommandLine Program(Func<string, bool>? passThrough = null) => new("tool", "A tool.", Specs, passThrough);

    [Fact]
    public void Parse_BothFormsAndAFlag_SetTheirKeysOnly()
    {
        var code = Program().Parse(["--broker", "mqtt://a", "--state-dir=/tmp/s", "--insecure"], TextWriter.Null, TextWriter.Null, out var values);

        Assert.Null(code);
        Assert.Equal(new Dictionary<string, string?> { ["S:Broker"] = "mqtt://a", ["S:StateDir"] = "/tmp/s", ["S:Insecure"] = "true" }, values);
    }

    [Theory]
    [InlineData(new[] { "--brokr", "x" }, "tool: Unrecognized command or argument '--brokr'.")]
    [InlineData(new[] { "--broker" }, "tool: Required argument missing for option: '--broker'.")]
    public void Parse_BadCommandLine_Exit2WithTheProblemAndWhereHelpIs(string[] args, string problem)
    {
        var error = new StringWriter();

        var code = Program().Parse(args, TextWriter.Null, error, out _);

        Assert.Equal(ExitCodes.Usage, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(problem, lines[0]);
        Assert.Equal("Run with --help for the options.", lines[^1]);
    }

    [Fact]
    public void Parse_PassThroughSetting_KeptAsItsKeyOthersRefused()
    {
        var program = Program(name => name.Contains(':', StringComparison.Ordinal));

        Assert.Null(program.Parse(["--Logging:LogLevel:Default=Debug"], TextWriter.Null, TextWriter.Null, out var values));
        Assert.Equal("Debug", values["Logging:LogLevel:Default"]);
        Assert.Throws<ArgumentException>(() => program.Values(["--other=x"]));
    }

    [Fact]
    public void Parse_Version_PrintsProgramVersionAndCommit()
    {
        var output = new StringWriter();

        var code = Program().Parse(["--version"], output, TextWriter.Null, out _);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(BuildInfo.Describe("tool"), output.ToString().Trim());
    }

    [Fact]
    public void Parse_Help_ListsEveryOptionWithItsValueName()
    {
        var output = new StringWriter();

        var code = Program().Parse(["--help"], output, TextWriter.Null, out _);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("A tool.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--state-dir <DIR>", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--insecure", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariables_OneRuleForEveryOption()
    {
        Assert.Equal("PINEURONS_STATE_DIR", EnvironmentVariables.Of("--state-dir"));
        Assert.Equal("PINEURONS_CA_FILE", EnvironmentVariables.Of("--ca-file"));
    }
}
