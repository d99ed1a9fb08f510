namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>
/// Why a block may be left out, a fixed list: a block is skipped only for what this machine cannot give it,
/// and every skip is printed with its reason, so the list stays short and honest.
/// </summary>
internal static class SkipReasons
{
    /// <summary>Each reason with the one line the report prints for it.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["needs-pi"] = "runs on a Raspberry Pi: real GPIO, or a Pi's own host name in the manifest",
        ["needs-docker"] = "needs a Docker engine",
        ["needs-swarm"] = "needs a Docker Swarm and its secrets",
        ["needs-network"] = "downloads from the internet (NuGet runtime packs, OS images) or reaches other machines; the check runs offline",
        ["needs-cluster"] = "needs a deployed cluster: its broker by address, its secrets installed on a Pi",
        ["changes-system"] = "installs packages or changes the machine's own setup (apt, /etc, systemd units, a global dotnet tool)",
        ["runs-the-suite"] = "runs the tests (./test.sh, or this check), which would run it again",
    };
}
