namespace PiNeurons.Cli.Flash;

/// <summary>
/// The files of the repository's systemd/ folder that a Pi gets, as they were at build time (embedded resources of
/// the CLI): the node's unit and its user (a sysusers.d snippet), and the release tool with its rollback and check units
/// (docs/upgrades.md).
/// </summary>
internal static class PiSystemFiles
{
    public const string NodeUnitPath = "/etc/systemd/system/pineurons-node.service";

    public const string ReleaseToolPath = "/usr/local/sbin/pineurons-release";

    /// <summary>The node's user for systemd-sysusers: the one definition flash, the Ansible role and the unit's notes share.</summary>
    public const string SysusersPath = "/etc/sysusers.d/pineurons.conf";

    private static readonly (string Resource, string Path, string Permissions)[] Files =
    [
        ("pineurons-node.service", NodeUnitPath, "0644"),
        ("pineurons-rollback.service", "/etc/systemd/system/pineurons-rollback.service", "0644"),
        ("pineurons-release-check.service", "/etc/systemd/system/pineurons-release-check.service", "0644"),
        ("pineurons-release-check.timer", "/etc/systemd/system/pineurons-release-check.timer", "0644"),
        ("pineurons-release", ReleaseToolPath, "0755"),
        ("pineurons.sysusers", SysusersPath, "0644"),
    ];

    /// <summary>Every file, with its content.</summary>
    public static IReadOnlyList<PiFile> All() => [.. Files.Select(f => new PiFile(f.Path, Text(f.Resource), f.Permissions))];

    private static string Text(string resource)
    {
        using var stream = typeof(PiSystemFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the built-in {resource} is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>A file cloud-init writes on the Pi, owned by root.</summary>
/// <param name="Path">Where it goes.</param>
/// <param name="Content">Its text.</param>
/// <param name="Permissions">Its mode, e.g. <c>0644</c>.</param>
internal sealed record PiFile(string Path, string Content, string Permissions);
