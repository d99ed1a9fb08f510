using System.Diagnostics;

namespace PiNeurons.Testing;

/// <summary>
/// A command line run through bash exactly as a user types it (the docs' and the programs' printed hints),
/// with its exit code and output. Through bash, so quoting is read as a reader's shell reads it.
/// </summary>
public static class ShellCommand
{
    /// <summary>What a finished command left behind.</summary>
    /// <param name="ExitCode">Its exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <inheritdoc />
        public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
    }

    /// <summary>Runs <paramref name="commandLine"/> and waits for it to end.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it is killed.</exception>
    public static async Task<Result> RunAsync(string commandLine, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(Bash(commandLine, environment)) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0.#} s; it printed: {await stdout}{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo Bash(string commandLine, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
