using System.Reflection;

namespace PiNeurons.Core;

/// <summary>Which build this is: the version and the git commit it was built from, as <c>--version</c> prints them.
/// Every project of the solution is built from one commit, so Core's own attributes speak for all of them.</summary>
public static class BuildInfo
{
    // Initialised before the properties below, which read it: static fields run in the order written.
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Version and commit as one SemVer string, <c>0.1.0+&lt;commit&gt;</c>: what a node publishes in each state.</summary>
    public static string Full { get; } = Informational;

    /// <summary>The version, e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The commit's hash (the SDK appends it to the informational version when building from git), or <c>unknown</c>.</summary>
    public static string Commit { get; } = Informational.Split('+') is [_, var hash, ..] && hash.Length > 0 ? hash : "unknown";

    /// <summary>The line <c>--version</c> prints: <c>PROGRAM 0.1.0 (commit 6980975)</c>.</summary>
    public static string Describe(string program) =>
        $"{program} {Version} (commit {(Commit.Length > 12 ? Commit[..12] : Commit)})";
}
