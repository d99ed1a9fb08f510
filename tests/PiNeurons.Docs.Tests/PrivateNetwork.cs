using PiNeurons.Docs.Tests.Running;
using PiNeurons.Testing;

namespace PiNeurons.Docs.Tests;

/// <summary>
/// Starts this assembly's runner (<see cref="Program"/>) in namespaces of its own: a network namespace with only
/// loopback, where 127.0.0.1:1883 and :8080 are free for the docs' commands whatever else runs on the machine, and
/// a PID namespace, so that everything the commands start (a node in the background, a <c>cmd &amp;</c>, dotnet's
/// build servers) ends with the runner, even when it is killed.
/// </summary>
/// <remarks>
/// The runner is a new process rather than this one because only a single-threaded process can enter a new
/// user namespace, and the test host is not. As root (CI) <c>unshare</c> needs no user namespace; as anyone
/// else, <c>--map-root-user</c> gives the runner root inside its own namespaces only.
/// </remarks>
internal static class PrivateNetwork
{
    /// <summary>Runs <c>Program <paramref name="mode"/> <paramref name="reportPath"/></c> in the namespaces; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string mode, string reportPath, TimeSpan timeout)
    {
        var user = Environment.IsPrivilegedProcess ? string.Empty : "--user --map-root-user ";
        var self = typeof(PrivateNetwork).Assembly.Location;
        var commandLine = $"exec unshare {user}--net --pid --fork --kill-child --mount-proc -- "
            + $"sh -c 'ip link set lo up && exec \"$@\"' sh dotnet {ShellQuote.Of(self)} {mode} {ShellQuote.Of(reportPath)}";
        await using var runner = Bash.Start(commandLine, RepoRoot.Path);
        var exitCode = await runner.WaitForExitAsync(timeout);
        await runner.WaitForOutputEndAsync(TimeSpan.FromSeconds(10));
        return (exitCode, runner.Output);
    }
}
