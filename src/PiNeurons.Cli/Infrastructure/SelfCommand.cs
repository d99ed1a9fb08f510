namespace PiNeurons.Cli.Infrastructure;

/// <summary>
/// How to run this CLI again, for the hints it prints: <c>pineurons</c> when that is on PATH (the installed
/// tool), else the path of this very program, so a hint copied from <c>dotnet run</c>'s output runs as printed.
/// </summary>
internal static class SelfCommand
{
    /// <summary>The command line prefix that starts this CLI from any directory.</summary>
    public static string Prefix { get; } = Find();

    private static string Find()
    {
        if (OnPath("pineurons"))
        {
            return "pineurons";
        }

        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "pineurons")
        {
            return Quote(process);
        }

        // Run by the dotnet host: the entry assembly beside it.
        var dll = Path.Combine(AppContext.BaseDirectory, "pineurons.dll");
        return $"dotnet {Quote(dll)}";
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;
}
