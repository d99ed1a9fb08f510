using System.Text.Json;
using System.Text.RegularExpressions;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// The rules Dockerfile.aggregator must keep beyond the ones it shares with Dockerfile.armv7
/// (<see cref="Docker.Armv7Rules.BuildStageRunsOnBuildPlatform"/>,
/// <see cref="Docker.Armv7Rules.PublishIsPortableWithoutAppHost"/>), each returning what is wrong.
/// </summary>
internal static partial class AggregatorRules
{
    public const string FileName = "Dockerfile.aggregator";
    public const string Dll = "PiNeurons.Aggregator.dll";
    public const string Port = "8080";

    /// <summary>One image for three platforms: the final stage must be the multi-arch aspnet 10 image,
    /// left to buildx's --platform (no architecture in the tag, no --platform on FROM).</summary>
    public static IEnumerable<string> FinalStageIsMultiArchAspnet10(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        if (!final.Image.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal))
        {
            yield return $"{final} (image {final.Image}): the final stage must be mcr.microsoft.com/dotnet/aspnet:10.0*, " +
                "the ASP.NET Core runtime the aggregator needs.";
        }

        if (ArchTag().IsMatch(final.Image))
        {
            yield return $"{final} (image {final.Image}): an architecture in the tag pins every platform of a multi-arch build to it.";
        }

        if (final.Platform is not null)
        {
            yield return $"{final}: no --platform on the final stage; buildx gives each platform its own.";
        }
    }

    /// <summary>The build stage publishes the aggregator, not some other project.</summary>
    public static IEnumerable<string> PublishesTheAggregator(DockerfileModel dockerfile)
    {
        var publishes = dockerfile.Stages.SelectMany(s => s.RunCommands())
            .Where(c => c.Command.Count >= 3 && c.Command[0] == "dotnet" && c.Command[1] == "publish")
            .ToArray();
        if (!publishes.Any(p => p.Command[2].EndsWith("PiNeurons.Aggregator.csproj", StringComparison.Ordinal)))
        {
            yield return "No `dotnet publish src/PiNeurons.Aggregator/PiNeurons.Aggregator.csproj`.";
        }
    }

    public static IEnumerable<string> RunsAsNonRoot(DockerfileModel dockerfile)
    {
        var user = dockerfile.Final.Last("USER");
        var name = user?.Arguments.Split(':')[0].Trim();
        if (user is null || name is null or "" or "root" or "0")
        {
            yield return $"{dockerfile.Final}: the final stage must end with a non-root USER (the aspnet image has `app`, uid 1654).";
        }
    }

    /// <summary>Swarm replaces a task that stops answering only if the image or the stack says how to ask.</summary>
    public static IEnumerable<string> HealthcheckProbesHealthz(DockerfileModel dockerfile)
    {
        var command = HealthcheckCommand(dockerfile);
        if (command is null)
        {
            yield return $"{dockerfile.Final}: the final stage needs HEALTHCHECK ... CMD [\"...\"] (exec form) on /healthz.";
            yield break;
        }

        var text = string.Join(' ', command);
        if (!text.Contains("/healthz", StringComparison.Ordinal) || !text.Contains(Port, StringComparison.Ordinal))
        {
            yield return $"HEALTHCHECK must ask /healthz on port {Port}: {text}";
        }

        if (command[0] is "curl" or "wget")
        {
            yield return $"HEALTHCHECK uses {command[0]}, which the noble aspnet image does not have.";
        }
    }

    public static IEnumerable<string> Exposes8080(DockerfileModel dockerfile)
    {
        if (!dockerfile.Final.All("EXPOSE").SelectMany(e => e.Operands()).Any(p => p.Split('/')[0] == Port))
        {
            yield return $"{dockerfile.Final}: the final stage must EXPOSE {Port}, the port of the default --urls.";
        }
    }

    /// <summary>Exec form, so dotnet is PID 1 and gets SIGTERM.</summary>
    public static IEnumerable<string> EntrypointRunsTheDllWithDotnet(DockerfileModel dockerfile)
    {
        var entrypoint = dockerfile.Final.Last("ENTRYPOINT");
        var args = entrypoint is { IsExecForm: true } ? entrypoint.ExecArguments() : null;
        if (args is null || args.Count < 2 || args[0] != "dotnet" || !args[1].EndsWith(Dll, StringComparison.Ordinal))
        {
            yield return $"{dockerfile.Final}: ENTRYPOINT must be [\"dotnet\", \"/app/{Dll}\"] in exec form (there is no apphost).";
        }
    }

    /// <summary>The default state directory is a volume the non-root user owns: SQLite must create
    /// events.db and its journal there.</summary>
    public static IEnumerable<string> StateDirIsAVolumeTheUserOwns(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        var cmd = final.Last("CMD") is { IsExecForm: true } c ? c.ExecArguments() : [];
        var at = cmd.ToList().IndexOf("--state-dir");
        if (at < 0 || at + 1 >= cmd.Count)
        {
            yield return $"{final}: the default CMD must give --state-dir (and --urls http://0.0.0.0:{Port}).";
            yield break;
        }

        var stateDir = cmd[at + 1];
        var volumes = final.All("VOLUME").SelectMany(v => v.IsExecForm ? v.ExecArguments() : ShellWords.Split(v.Arguments));
        if (!volumes.Contains(stateDir))
        {
            yield return $"{final}: --state-dir {stateDir} must be a VOLUME.";
        }

        var user = final.Last("USER")?.Arguments.Split(':')[0].Trim();
        var ownedByCopy = final.All("COPY").Any(copy =>
            copy.Flags().TryGetValue("chown", out var owner) && owner.Split(':')[0] == user && copy.Operands()[^1].TrimEnd('/') == stateDir);
        var ownedByRun = final.RunCommands().Any(r => r.Command[0] == "chown" && r.Command.Contains(stateDir) && r.Command.Any(w => w.Split(':')[0] == user));
        if (!ownedByCopy && !ownedByRun)
        {
            yield return $"{final}: {stateDir} must be created owned by USER {user} (COPY --chown or chown), or SQLite cannot write there.";
        }

        if (!cmd.Contains("--urls") || !cmd.Any(a => a.EndsWith(":" + Port, StringComparison.Ordinal)))
        {
            yield return $"{final}: the default CMD must listen on all interfaces, port {Port} (--urls http://0.0.0.0:{Port}).";
        }
    }

    /// <summary>The exec-form command of the final stage's HEALTHCHECK, or null.</summary>
    public static IReadOnlyList<string>? HealthcheckCommand(DockerfileModel dockerfile)
    {
        var healthcheck = dockerfile.Final.Last("HEALTHCHECK");
        if (healthcheck is null)
        {
            return null;
        }

        var match = HealthcheckCmd().Match(healthcheck.Arguments);
        return match.Success ? JsonSerializer.Deserialize<string[]>(match.Groups["json"].Value) : null;
    }

    [GeneratedRegex(@"(arm32v7|arm64v8|amd64|-arm)", RegexOptions.IgnoreCase)]
    private static partial Regex ArchTag();

    [GeneratedRegex(@"^(--\S+\s+)*CMD\s+(?<json>\[.*\])\s*$", RegexOptions.Singleline)]
    private static partial Regex HealthcheckCmd();
}
