using System.Globalization;
using System.Text.RegularExpressions;
using PiNeurons.Cli.Demo;
using PiNeurons.Cli.Tests.Commands;
using PiNeurons.Core;
using PiNeurons.Testing;
using Xunit.Abstractions;

namespace PiNeurons.Cli.Tests.Demo;

/// <summary><c>pineurons demo --learn</c> for real: the CLI as its own process, the neurons on the embedded broker.</summary>
public sealed partial class LearnDemoCommandTests(ITestOutputHelper output)
{
    // How long a demo may run before the test gives up on it: a guard against a hang, far above a run's length.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task DemoLearn_Seed3_StartsFromTheSeedsWeightsAndLearnsXor()
    {
        var pineurons = Path.Combine(AppContext.BaseDirectory, "pineurons.dll");

        var result = await ChildProcess.RunAsync("dotnet", [pineurons, "demo", "--learn", "--seed", "3", "--port", "0", "--no-aggregator"], Hang);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains(StartLine(3), lines);
        var learned = LearnedIn().Match(result.StandardOutput);
        Assert.True(learned.Success, result.ToString());
        var epochs = int.Parse(learned.Groups["epochs"].Value, CultureInfo.InvariantCulture);
        // One line per epoch played, the last the one that was wholly right.
        Assert.Equal(epochs, lines.Count(l => l.StartsWith("  epoch ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith($"  epoch {epochs,-3} z:", StringComparison.Ordinal) && l.Contains("4/4 right", StringComparison.Ordinal));
        // Not asserted equal: on a loaded machine a row's kicks may reach z far enough apart to change a decision.
        output.WriteLine($"seed 3: the demo learned XOR in {epochs} epochs; the simulation predicts {LearnDemoPrediction.Run(3, 50).Epochs}");
        output.WriteLine(result.StandardOutput);
    }

    [Theory]
    [InlineData("--seed", "3")]
    [InlineData("--max-epochs", "10")]
    public async Task Demo_LearnOptionWithoutLearn_IsAUsageErrorNamingLearn(string option, string value)
    {
        var result = await CliRun.RunAsync("demo", option, value, "--port", "0", "--no-aggregator");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("go with --learn", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task DemoLearn_Stay_PrintsATeachHintThatRunsAsPrinted()
    {
        using var stop = new CancellationTokenSource();
        var (exit, demo, error) = CliRun.Start(stop.Token, "demo", "--learn", "--stay", "--port", "0", "--no-aggregator");
        await demo.WaitForAsync("until Ctrl+C", Hang);
        // The last hint: every hint is printed once it is.
        await demo.WaitForAsync("  or point Home Assistant");
        var hint = demo.Text.Split('\n').Select(l => l.Trim()).Single(l => l.Contains(" teach z 1 --broker ", StringComparison.Ordinal));

        var taught = await ShellCommand.RunAsync(hint, Hang);

        output.WriteLine($"$ {hint}\n{taught}");
        // z's last decision was taught by the demo already, or is older than its teach window: it learns nothing and says why.
        var sensible = taught.ExitCode switch
        {
            ExitCodes.Ok => taught.Output.StartsWith("z learned (target 1): ", StringComparison.Ordinal)
                || taught.Output.StartsWith("z was already right (target 1)", StringComparison.Ordinal),
            ExitCodes.Failed => taught.Error.StartsWith("z learned nothing: teach: ", StringComparison.Ordinal),
            _ => false,
        };
        Assert.True(sensible, taught.ToString());
        await stop.CancelAsync();
        Assert.True(await exit == ExitCodes.Ok, $"{demo.Text}\n{error.Text}");
    }

    // LearnDemo's start line for the seed: each input's weight, then the threshold, two decimals in a column of 5.
    private static string StartLine(int seed)
    {
        var (weights, threshold) = LearnStart.For(seed, LearnDemoPrediction.Inputs(LearnDemoPrediction.Manifest(), "z"));
        return "  start                         "
            + string.Join("  ", weights.Select(w => $"{w.Key} {Number(w.Value)}"))
            + $"  threshold {Number(threshold)}";
    }

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(5);

    [GeneratedRegex(@"^z learned XOR in (?<epochs>\d+) epochs? \(seed 3\)", RegexOptions.Multiline)]
    private static partial Regex LearnedIn();
}
