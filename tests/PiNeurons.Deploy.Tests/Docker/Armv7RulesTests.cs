using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>Each rule fails on a Dockerfile that breaks it, so a green <see cref="DockerfileArmv7Tests"/>
/// means the rules were kept, not that they could not fail.</summary>
public sealed class Armv7RulesTests
{
    private const string Good = """
        # syntax=docker/dockerfile:1
        ARG DOTNET_VERSION=10.0
        FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
        WORKDIR /src
        COPY src/ src/
        RUN dotnet publish src/PiNeurons.Node/PiNeurons.Node.csproj \
              -c Release -o /app -p:UseAppHost=false

        FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble-arm32v7
        ARG GPIO_GID=997
        RUN apt-get update \
            && apt-get install -y --no-install-recommends libgpiod2t64 \
            && rm -rf /var/lib/apt/lists/*
        RUN groupadd --system --gid "${GPIO_GID}" gpio \
            && useradd --system --user-group --groups gpio pineurons
        COPY --from=build /app /app
        COPY firmware-config/ /etc/pineurons/
        ENV PINEURONS_STATE_DIR=/var/lib/pineurons
        VOLUME ["/var/lib/pineurons"]
        USER pineurons
        ENTRYPOINT ["dotnet", "/app/PiNeurons.Node.dll"]
        CMD ["--manifest", "/etc/pineurons/xor.yaml"]
        """;

    public static TheoryData<string, string, string> Breakages => new()
    {
        { nameof(Armv7Rules.FinalStageIsArm32v7), "-noble-arm32v7", "-noble" },
        { nameof(Armv7Rules.FinalStageIsArm32v7), "FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble-arm32v7", "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION}-noble-arm32v7" },
        { nameof(Armv7Rules.BuildStageRunsOnBuildPlatform), "--platform=$BUILDPLATFORM ", "" },
        { nameof(Armv7Rules.PublishIsPortableWithoutAppHost), "-p:UseAppHost=false", "" },
        { nameof(Armv7Rules.PublishIsPortableWithoutAppHost), "-c Release", "-c Release -r linux-arm" },
        { nameof(Armv7Rules.PublishIsPortableWithoutAppHost), "-c Release", "-c Release --runtime=linux-arm" },
        { nameof(Armv7Rules.PublishIsPortableWithoutAppHost), "-c Release", "-c Release --arch arm" },
        { nameof(Armv7Rules.PublishIsPortableWithoutAppHost), "-c Release", "-c Release --self-contained" },
        { nameof(Armv7Rules.LibgpiodIsInstalledLean), "libgpiod2t64", "libgpiod3" },
        { nameof(Armv7Rules.LibgpiodIsInstalledLean), "--no-install-recommends ", "" },
        { nameof(Armv7Rules.LibgpiodIsInstalledLean), "install -y", "install" },
        { nameof(Armv7Rules.LibgpiodIsInstalledLean), " \\\n    && rm -rf /var/lib/apt/lists/*", "" },
        { nameof(Armv7Rules.LibgpiodIsInstalledLean), "RUN apt-get update \\\n    && apt-get", "RUN apt-get" },
        { nameof(Armv7Rules.RunsAsNonRootInGpioGroup), "USER pineurons", "" },
        { nameof(Armv7Rules.RunsAsNonRootInGpioGroup), "USER pineurons", "USER root" },
        { nameof(Armv7Rules.RunsAsNonRootInGpioGroup), "--groups gpio pineurons", "pineurons" },
        { nameof(Armv7Rules.RunsAsNonRootInGpioGroup), "USER pineurons", "USER app" },
        { nameof(Armv7Rules.GpioGidIsAnArgDefaulting997), "--gid \"${GPIO_GID}\" ", "" },
        { nameof(Armv7Rules.GpioGidIsAnArgDefaulting997), "ARG GPIO_GID=997", "ARG GPIO_GID=1000" },
        { nameof(Armv7Rules.EntrypointRunsNodeDllWithDotnet), "ENTRYPOINT [\"dotnet\", \"/app/PiNeurons.Node.dll\"]", "ENTRYPOINT dotnet /app/PiNeurons.Node.dll" },
        { nameof(Armv7Rules.EntrypointRunsNodeDllWithDotnet), "ENTRYPOINT [\"dotnet\", \"/app/PiNeurons.Node.dll\"]", "ENTRYPOINT [\"/app/PiNeurons.Node\"]" },
        { nameof(Armv7Rules.StateDirIsAVolume), "VOLUME [\"/var/lib/pineurons\"]", "" },
        { nameof(Armv7Rules.CmdManifestIsShipped), "xor.yaml\"]", "missing.yaml\"]" },
        { nameof(Armv7Rules.CmdManifestIsShipped), "COPY firmware-config/ /etc/pineurons/", "" },
    };

    [Fact]
    public void EveryRule_HoldsOnTheGoodSample()
    {
        var dockerfile = DockerfileModel.Parse(Good);
        foreach (var rule in RuleNames())
        {
            Problems.AssertNone($"good sample, rule {rule}", Check(rule, dockerfile));
        }
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Rule_FailsOnADockerfileThatBreaksIt(string rule, string find, string replaceWith)
    {
        Assert.Contains(find, Good, StringComparison.Ordinal);
        var broken = DockerfileModel.Parse(Good.Replace(find, replaceWith, StringComparison.Ordinal));

        Assert.NotEmpty(Check(rule, broken));
    }

    private static IEnumerable<string> RuleNames() =>
        Breakages.Select(row => (string)row[0]).Distinct();

    private static IEnumerable<string> Check(string rule, DockerfileModel dockerfile) => rule switch
    {
        nameof(Armv7Rules.FinalStageIsArm32v7) => Armv7Rules.FinalStageIsArm32v7(dockerfile),
        nameof(Armv7Rules.BuildStageRunsOnBuildPlatform) => Armv7Rules.BuildStageRunsOnBuildPlatform(dockerfile),
        nameof(Armv7Rules.PublishIsPortableWithoutAppHost) => Armv7Rules.PublishIsPortableWithoutAppHost(dockerfile),
        nameof(Armv7Rules.LibgpiodIsInstalledLean) => Armv7Rules.LibgpiodIsInstalledLean(dockerfile),
        nameof(Armv7Rules.RunsAsNonRootInGpioGroup) => Armv7Rules.RunsAsNonRootInGpioGroup(dockerfile),
        nameof(Armv7Rules.GpioGidIsAnArgDefaulting997) => Armv7Rules.GpioGidIsAnArgDefaulting997(dockerfile),
        nameof(Armv7Rules.EntrypointRunsNodeDllWithDotnet) => Armv7Rules.EntrypointRunsNodeDllWithDotnet(dockerfile),
        nameof(Armv7Rules.StateDirIsAVolume) => Armv7Rules.StateDirIsAVolume(dockerfile),
        nameof(Armv7Rules.CmdManifestIsShipped) => Armv7Rules.CmdManifestIsShipped(dockerfile, RepoRoot.Path),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown rule"),
    };
}
