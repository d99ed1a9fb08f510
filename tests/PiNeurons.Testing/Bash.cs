namespace PiNeurons.Testing;

/// <summary>
/// A command line (or script file) run by bash as a child process, the way a reader's shell runs it: quoting
/// read as a shell reads it, and, being a <see cref="ChildProcess"/>, its background jobs ended with it by
/// <see cref="ChildProcess.KillAsync"/>.
/// </summary>
public static class Bash
{
    /// <summary>Runs <c>bash -c <paramref name="commandLine"/></c>.</summary>
    public static ChildProcess Start(string commandLine, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Launch(["-c", commandLine], commandLine, workingDirectory, environment);

    /// <summary>Runs <c>bash <paramref name="scriptPath"/></c>, so bash's messages name the script and its lines.</summary>
    public static ChildProcess StartFile(string scriptPath, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Launch([scriptPath], scriptPath, workingDirectory, environment);

    /// <summary>Runs <c>bash -c <paramref name="commandLine"/></c> to its end.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it is killed.</exception>
    public static Task<ChildProcessResult> RunAsync(string commandLine, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunAsync("bash", Arguments(["-c", commandLine]), timeout, Options(commandLine, workingDirectory, environment));

    private static ChildProcess Launch(string[] arguments, string description, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment) =>
        ChildProcess.Start("bash", Arguments(arguments), Options(description, workingDirectory, environment));

    // No profile nor rc file: the command sees the environment the test gives it, not the machine's shell set-up.
    private static string[] Arguments(string[] arguments) => ["--noprofile", "--norc", .. arguments];

    private static ChildProcessOptions Options(string description, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment) => new()
    {
        WorkingDirectory = workingDirectory,
        Environment = environment ?? new Dictionary<string, string?>(),
        Description = description,
    };
}
