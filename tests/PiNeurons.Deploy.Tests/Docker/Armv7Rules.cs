using System.Text.RegularExpressions;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>
/// The rules Dockerfile.armv7 must keep, each returning what is wrong (nothing when it holds). They
/// are what no engine checks for us here: there is no Docker engine on the build machines, and a
/// mistake in any of them only shows up on a Pi.
/// </summary>
internal static partial class Armv7Rules
{
    public const string GpioGroup = "gpio";

    /// <summary>The image must be for a 32-bit Pi whatever platform the build is asked for.</summary>
    public static IEnumerable<string> FinalStageIsArm32v7(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        var armByTag = final.Image.Contains("arm32v7", StringComparison.Ordinal);
        var armByPlatform = string.Equals(final.Platform, "linux/arm/v7", StringComparison.Ordinal);
        if (!armByTag && !armByPlatform)
        {
            yield return $"{final} (image {final.Image}): the final stage must name arm32v7 in its tag " +
                "(mcr.microsoft.com/dotnet/runtime:10.0-noble-arm32v7) or say --platform=linux/arm/v7; " +
                "otherwise a build for another platform yields an image a 32-bit Raspberry Pi OS cannot run.";
        }

        if (final.Platform is not null && final.Platform.Contains("BUILDPLATFORM", StringComparison.Ordinal))
        {
            yield return $"{final}: the final stage runs on the Pi, not on $BUILDPLATFORM.";
        }
    }

    /// <summary>Publishing is CPU-independent IL, so it runs natively on the build machine.</summary>
    public static IEnumerable<string> BuildStageRunsOnBuildPlatform(DockerfileModel dockerfile)
    {
        var publishing = PublishStages(dockerfile).ToArray();
        if (publishing.Length == 0)
        {
            yield return "No stage runs `dotnet publish`.";
        }

        foreach (var stage in publishing)
        {
            if (stage == dockerfile.Final)
            {
                yield return $"{stage}: `dotnet publish` runs in the final stage; build in its own stage and copy /app over.";
            }

            if (stage.Platform is not ("$BUILDPLATFORM" or "${BUILDPLATFORM}"))
            {
                yield return $"{stage}: the stage that runs `dotnet publish` must be FROM --platform=$BUILDPLATFORM; " +
                    "without it buildx runs the SDK under arm emulation, slowly, for no different output.";
            }
        }
    }

    /// <summary>The linux-arm runtime and apphost packs are not served (NU1101): a portable,
    /// framework-dependent publish without an apphost is the build that works.</summary>
    public static IEnumerable<string> PublishIsPortableWithoutAppHost(DockerfileModel dockerfile)
    {
        var publishes = dockerfile.Stages.SelectMany(s => s.RunCommands()).Where(c => IsDotnetPublish(c.Command)).ToArray();
        if (publishes.Length == 0)
        {
            yield return "No `dotnet publish` command found.";
        }

        foreach (var (run, command) in publishes)
        {
            var words = command.Skip(2).ToArray();
            if (!words.Any(w => AppHostOff().IsMatch(w)))
            {
                yield return $"{run}: `dotnet publish` needs -p:UseAppHost=false; the apphost for linux-arm is not served.";
            }

            foreach (var word in words.Where(w => RidOption().IsMatch(w) || w.Contains("linux-arm", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{run}: `dotnet publish` must not choose a runtime identifier ('{word}'); " +
                    "the 32-bit linux-arm runtime packs are not served to our build machines (NU1101).";
            }

            foreach (var word in words.Where(w => SelfContained().IsMatch(w)))
            {
                yield return $"{run}: '{word}': the image already has the .NET runtime; publish framework-dependent.";
            }
        }
    }

    /// <summary>System.Device.Gpio's LibGpiodDriver loads libgpiod.so.2; without it the node cannot
    /// open a pin (no sysfs fallback).</summary>
    public static IEnumerable<string> LibgpiodIsInstalledLean(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        var installs = final.RunCommands().Where(c => IsAptInstall(c.Command) && c.Command.Any(w => Libgpiod().IsMatch(w))).ToArray();
        if (installs.Length == 0)
        {
            yield return $"{final}: the final stage must `apt-get install` libgpiod v1.6 (libgpiod.so.2: package libgpiod2, " +
                "named libgpiod2t64 on Ubuntu 24.04), which System.Device.Gpio's LibGpiodDriver loads.";
            yield break;
        }

        foreach (var (run, command) in installs)
        {
            if (!command.Contains("--no-install-recommends"))
            {
                yield return $"{run}: install libgpiod with --no-install-recommends; the image needs the library only.";
            }

            if (!command.Any(w => w is "-y" or "--yes" or "--assume-yes" || ShortFlagsWith(w, 'y')))
            {
                yield return $"{run}: apt-get install needs -y; a build has no one to answer the prompt.";
            }

            var commands = ShellWords.Commands(run.Arguments);
            var install = commands.ToList().FindIndex(c => c.SequenceEqual(command));
            if (!commands.Take(install).Any(c => c.Count >= 2 && c[0] is "apt-get" or "apt" && c.Contains("update")))
            {
                yield return $"{run}: run `apt-get update` in the same RUN, before the install; a cached update layer goes stale.";
            }

            if (!commands.Skip(install + 1).Any(c => c.Count >= 2 && c[0] == "rm" && c.Any(w => w.StartsWith("/var/lib/apt/lists", StringComparison.Ordinal))))
            {
                yield return $"{run}: remove /var/lib/apt/lists/* in the same RUN, after the install; otherwise the lists stay in the layer.";
            }
        }
    }

    /// <summary>The node needs no root, only the GPIO character devices, which belong to group gpio.</summary>
    public static IEnumerable<string> RunsAsNonRootInGpioGroup(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        var userInstruction = final.Last("USER");
        if (userInstruction is null)
        {
            yield return $"{final}: the final stage sets no USER, so the node would run as root.";
            yield break;
        }

        var user = userInstruction.Arguments.Split(':')[0].Trim();
        if (user is "root" or "0" || user.Length == 0)
        {
            yield return $"{userInstruction}: the node must not run as root.";
            yield break;
        }

        var commands = final.RunCommands().Select(c => c.Command).ToArray();
        if (!commands.Any(c => c[0] is "groupadd" or "addgroup" && c[^1] == GpioGroup))
        {
            yield return $"{final}: the final stage must create group {GpioGroup} (groupadd --gid \"$GPIO_GID\" {GpioGroup}).";
        }

        if (!commands.Any(c => AddsToGroup(c, user, GpioGroup)))
        {
            yield return $"{userInstruction}: user {user} must be created in group {GpioGroup} " +
                $"(useradd --groups {GpioGroup} {user}); /dev/gpiochip* is root:{GpioGroup} 0660 on Raspberry Pi OS.";
        }
    }

    /// <summary>A device passed with --device keeps the host's group id; the image's gpio group must
    /// be able to match it.</summary>
    public static IEnumerable<string> GpioGidIsAnArgDefaulting997(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        var groupadd = final.RunCommands().Select(c => c.Command).FirstOrDefault(c => c[0] == "groupadd" && c[^1] == GpioGroup);
        if (groupadd is null)
        {
            yield return $"{final}: no `groupadd ... {GpioGroup}` in the final stage.";
            yield break;
        }

        var gid = OptionValue(groupadd, "-g", "--gid");
        if (gid is null || !gid.Contains("GPIO_GID", StringComparison.Ordinal))
        {
            yield return $"{final}: groupadd {GpioGroup} must take its gid from ARG GPIO_GID (got '{gid ?? "none"}'), " +
                "so an image can match a Pi whose gpio group is not 997.";
        }

        var defaultGid = final.ArgDefault("GPIO_GID");
        if (defaultGid != "997")
        {
            yield return $"{final}: ARG GPIO_GID must default to 997, gpio's gid on Raspberry Pi OS (got '{defaultGid ?? "no ARG"}').";
        }
    }

    /// <summary>Exec form, so dotnet is PID 1 and gets Docker's SIGTERM: the node then says
    /// `offline` and disconnects instead of being killed after the timeout.</summary>
    public static IEnumerable<string> EntrypointRunsNodeDllWithDotnet(DockerfileModel dockerfile)
    {
        var entrypoint = dockerfile.Final.Last("ENTRYPOINT");
        if (entrypoint is null)
        {
            yield return $"{dockerfile.Final}: the final stage has no ENTRYPOINT.";
            yield break;
        }

        if (!entrypoint.IsExecForm)
        {
            yield return $"{entrypoint}: use the exec form [\"dotnet\", \"/app/PiNeurons.Node.dll\"]; in shell form /bin/sh is " +
                "PID 1 and the node never sees SIGTERM, so it cannot publish `offline` on stop.";
            yield break;
        }

        var args = entrypoint.ExecArguments();
        if (args.Count < 2 || args[0] != "dotnet" || !args[1].EndsWith("PiNeurons.Node.dll", StringComparison.Ordinal))
        {
            yield return $"{entrypoint}: the entrypoint must be dotnet running PiNeurons.Node.dll (there is no apphost to run).";
        }
    }

    /// <summary>Acknowledged `set` changes must outlive the container.</summary>
    public static IEnumerable<string> StateDirIsAVolume(DockerfileModel dockerfile)
    {
        var final = dockerfile.Final;
        if (!final.Environment().TryGetValue("PINEURONS_STATE_DIR", out var stateDir))
        {
            yield return $"{final}: the final stage must set ENV PINEURONS_STATE_DIR.";
            yield break;
        }

        var volumes = final.All("VOLUME").SelectMany(v => v.IsExecForm ? v.ExecArguments() : ShellWords.Split(v.Arguments));
        if (!volumes.Contains(stateDir))
        {
            yield return $"{final}: PINEURONS_STATE_DIR={stateDir} must be a VOLUME, or acknowledged `set` changes die with the container.";
        }
    }

    /// <summary>The default CMD's manifest must be one the image carries.</summary>
    public static IEnumerable<string> CmdManifestIsShipped(DockerfileModel dockerfile, string repoRoot)
    {
        var final = dockerfile.Final;
        var cmd = final.Last("CMD");
        if (cmd is null || !cmd.IsExecForm)
        {
            yield return $"{final}: the final stage needs an exec-form CMD with default arguments (--manifest ...).";
            yield break;
        }

        var args = cmd.ExecArguments();
        var at = args.ToList().IndexOf("--manifest");
        if (at < 0 || at + 1 >= args.Count)
        {
            yield return $"{cmd}: the default CMD must give --manifest FILE.";
            yield break;
        }

        var manifest = args[at + 1];
        var shipped = final.All("COPY")
            .Where(c => !c.Flags().ContainsKey("from"))
            .Select(c => c.Operands())
            .Where(o => o.Count == 2 && manifest.StartsWith(o[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .Select(o => Path.Combine(repoRoot, o[0].TrimEnd('/'), manifest[(o[1].TrimEnd('/').Length + 1)..]))
            .ToArray();
        if (!shipped.Any(File.Exists))
        {
            yield return $"{cmd}: {manifest} is not copied into the image from a file of the repository " +
                "(COPY firmware-config/ /etc/pineurons/).";
        }
    }

    private static IEnumerable<DockerStage> PublishStages(DockerfileModel dockerfile) =>
        dockerfile.Stages.Where(s => s.RunCommands().Any(c => IsDotnetPublish(c.Command)));

    private static bool IsDotnetPublish(IReadOnlyList<string> command) =>
        command.Count >= 2 && command[0] == "dotnet" && command[1] == "publish";

    private static bool IsAptInstall(IReadOnlyList<string> command) =>
        command.Count >= 2 && command[0] is "apt-get" or "apt" && command.Contains("install");

    private static bool ShortFlagsWith(string word, char flag) =>
        word.Length > 1 && word[0] == '-' && word[1] != '-' && word.Contains(flag, StringComparison.Ordinal);

    private static bool AddsToGroup(IReadOnlyList<string> command, string user, string group)
    {
        switch (command[0])
        {
            case "useradd" when command[^1] == user:
            case "usermod" when command[^1] == user:
                var groups = OptionValue(command, "-G", "--groups");
                return groups is not null && groups.Split(',').Contains(group);
            case "adduser" when command.Count >= 3:
                return command[^2] == user && command[^1] == group;
            default:
                return false;
        }
    }

    /// <summary>The value of a short or long option in any of its spellings: -G x, -Gx, --groups x, --groups=x.</summary>
    private static string? OptionValue(IReadOnlyList<string> command, string shortName, string longName)
    {
        for (var i = 1; i < command.Count; i++)
        {
            var word = command[i];
            if ((word == shortName || word == longName) && i + 1 < command.Count)
            {
                return command[i + 1];
            }

            if (word.StartsWith(longName + "=", StringComparison.Ordinal))
            {
                return word[(longName.Length + 1)..];
            }

            if (word.StartsWith(shortName, StringComparison.Ordinal) && word.Length > shortName.Length && !word.StartsWith("--", StringComparison.Ordinal))
            {
                return word[shortName.Length..];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[-/](p|property):UseAppHost=false$", RegexOptions.IgnoreCase)]
    private static partial Regex AppHostOff();

    [GeneratedRegex(@"^(-r|--runtime|-a|--arch|--os)(=.*|:.*)?$|^[-/](p|property):RuntimeIdentifiers?=", RegexOptions.IgnoreCase)]
    private static partial Regex RidOption();

    [GeneratedRegex(@"^(--self-contained|--sc)(=true|:true)?$|^[-/](p|property):SelfContained=true$", RegexOptions.IgnoreCase)]
    private static partial Regex SelfContained();

    [GeneratedRegex(@"^libgpiod2(t64)?(:armhf)?(=.*)?$")]
    private static partial Regex Libgpiod();
}
