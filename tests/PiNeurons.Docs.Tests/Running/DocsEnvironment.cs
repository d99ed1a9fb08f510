namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// What every command of the docs runs with: <c>pineurons</c> and <c>PiNeurons.Node</c> on PATH as the solution's
/// own build, nothing of the machine's PINEURONS_* settings, and a scratch folder for scripts, logs and state.
/// </summary>
internal sealed class DocsEnvironment
{
    private DocsEnvironment(string work, IReadOnlyDictionary<string, string?> variables)
    {
        Work = work;
        Variables = variables;
    }

    /// <summary>The scratch folder of this run: scripts, logs, the services' state.</summary>
    public string Work { get; }

    /// <summary>The variables to set (null: to remove) for every command.</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; }

    /// <summary>The solution's build of the CLI (assembly <c>pineurons</c>).</summary>
    public static string CliDll => Built("PiNeurons.Cli", "pineurons");

    /// <summary>The solution's build of the node.</summary>
    public static string NodeDll => Built("PiNeurons.Node", "PiNeurons.Node");

    /// <summary>The solution's build of the aggregator.</summary>
    public static string AggregatorDll => Built("PiNeurons.Aggregator", "PiNeurons.Aggregator");

    /// <summary>Makes the scratch folder <paramref name="name"/> (beside the test assembly, emptied first: the scripts and
    /// logs of the last run stay there to look at) and the PATH wrappers.</summary>
    public static DocsEnvironment Create(string name)
    {
        var work = Path.Combine(AppContext.BaseDirectory, "docs-work", name);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var tools = Directory.CreateDirectory(Path.Combine(work, "tools")).FullName;
        Wrap(tools, "pineurons", CliDll);
        Wrap(tools, "PiNeurons.Node", NodeDll);
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // A dotnet run's restore audits the packages against nuget.org's vulnerability data, which the network
            // namespace cannot reach once its cached copy is half an hour old: NU1900, an error here, would fail the
            // block for the check's missing network rather than for the doc. The solution's own build audits.
            ["NuGetAudit"] = "false",
            // dotnet run's MSBuild worker nodes would otherwise outlive the block that built, holding memory until the file is done.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            // Plain log lines in the report, no colour codes.
            ["DOTNET_LOGGING__CONSOLE__DISABLECOLORS"] = "true",
            // A temp folder of the run's own: in a user namespace the user is "root", and tools that name their temp
            // folders after the user (NuGet's /tmp/NuGetScratchroot) would meet the real root's and be refused.
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName,
            ["STATE_DIRECTORY"] = null,
        };
        // The commands must behave as on a reader's machine, not as this machine's settings make them.
        foreach (var variable in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("PINEURONS_", StringComparison.Ordinal)))
        {
            variables[variable] = null;
        }

        return new DocsEnvironment(work, variables);
    }

    /// <summary>A new folder under the scratch folder.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Work, name)).FullName;

    // src/<project>/bin/<configuration>/<tfm>/<assembly>.dll of the configuration this assembly was built in: what
    // `dotnet build PiNeurons.sln -c Release` (test.sh) leaves there.
    private static string Built(string project, string assembly)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var path = Path.Combine(RepoRoot.Path, "src", project, "bin", framework.Parent!.Name, framework.Name, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build PiNeurons.sln -c {framework.Parent.Name})", path);
    }

    private static void Wrap(string tools, string name, string dll)
    {
        var path = Path.Combine(tools, name);
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet {ShellQuote.Of(dll)} \"$@\"\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }
}
