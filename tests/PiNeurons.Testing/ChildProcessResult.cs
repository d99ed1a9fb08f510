namespace PiNeurons.Testing;

/// <summary>What a program that ran to its end left behind.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">What it wrote to stdout, each line ended by a newline.</param>
/// <param name="StandardError">What it wrote to stderr, each line ended by a newline.</param>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
