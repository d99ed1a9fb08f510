using System.Text.RegularExpressions;
using PiNeurons.Cli.Commands;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// The nodes' MQTT logins from <c>--mqtt-username</c>, <c>--mqtt-password-file</c> (one node) and
/// <c>--mqtt-password-dir</c> (a file per host, named as the host). Never the command line: see
/// <see cref="WifiPassword"/>.
/// </summary>
internal static partial class MqttPassword
{
    /// <summary>One login per host, in the order of <paramref name="hosts"/>; all null when no password option is given.</summary>
    public static IReadOnlyList<NodeMqttLogin?> Read(IReadOnlyList<HostEntry> hosts, string? userName, string? file, string? dir, bool all)
    {
        if (file is null && dir is null)
        {
            return userName is null
                ? [.. hosts.Select(_ => (NodeMqttLogin?)null)]
                : throw new CliUsageException("--mqtt-username needs the node's password: give --mqtt-password-file FILE or --mqtt-password-dir DIR");
        }

        if (file is not null && dir is not null)
        {
            throw new CliUsageException("give --mqtt-password-file FILE or --mqtt-password-dir DIR, not both");
        }

        if (file is not null && all)
        {
            throw new CliUsageException("--mqtt-password-file is one node's password; with --all give --mqtt-password-dir DIR holding a file per host (DIR/<host>)");
        }

        if (userName is not null && !UserName().IsMatch(userName))
        {
            throw new CliUsageException($"--mqtt-username '{userName}' is not a user name the node's unit can carry: use 1 to 64 of A-Z a-z 0-9 _ . @ -");
        }

        var missing = dir is null ? [] : hosts.Where(h => !File.Exists(Path.Combine(dir, h.Name))).Select(h => h.Name).ToList();
        if (missing.Count > 0)
        {
            throw new CliUsageException($"--mqtt-password-dir {dir}: no password file for {string.Join(", ", missing)} (one file per host, named as the host)");
        }

        return [.. hosts.Select(h =>
        {
            var (path, option) = file is not null ? (file, "--mqtt-password-file") : (Path.Combine(dir!, h.Name), "--mqtt-password-dir");
            return (NodeMqttLogin?)new NodeMqttLogin(userName ?? h.Name, FirstLine(path, option));
        })];
    }

    /// <summary>The password on the first line of <paramref name="path"/>; <paramref name="option"/> names it in errors.</summary>
    public static string FirstLine(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{option}: cannot read {path}: {ex.Message}");
        }

        // The node reads the first line too (NodePlanner), so nothing after a line break would count.
        var end = text.IndexOfAny(['\r', '\n']);
        var password = end < 0 ? text : text[..end];
        return password.Length > 0 && !password.Any(char.IsControl)
            ? password
            : throw new CliUsageException($"{option} {path}: the first line must be the password (not empty, no control characters)");
    }

    // What a drop-in's Environment= line takes unquoted (no space, quote or % specifier), and what
    // mosquitto_passwd user names look like; host names fit.
    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,64}$")]
    private static partial Regex UserName();
}
