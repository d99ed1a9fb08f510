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
        var result = await Bash.RunAsync(commandLine, timeout, environment: environment?.ToDictionary(e => e.Key, e => (string?)e.Value));
        return new Result(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
