using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>Dockerfile.armv7 as committed keeps every rule of <see cref="Armv7Rules"/>.</summary>
public sealed class DockerfileArmv7Tests
{
    private const string FileName = "Dockerfile.armv7";

    private static DockerfileModel Dockerfile() => DockerfileModel.Parse(RepoRoot.ReadAllText(FileName));

    [Fact]
    public void FinalStage_NamesArm32v7() =>
        Problems.AssertNone(FileName, Armv7Rules.FinalStageIsArm32v7(Dockerfile()));

    [Fact]
    public void BuildStage_RunsOnBuildPlatform() =>
        Problems.AssertNone(FileName, Armv7Rules.BuildStageRunsOnBuildPlatform(Dockerfile()));

    [Fact]
    public void Publish_IsPortableWithoutAppHostOrLinuxArmRid() =>
        Problems.AssertNone(FileName, Armv7Rules.PublishIsPortableWithoutAppHost(Dockerfile()));

    [Fact]
    public void FinalStage_InstallsLibgpiodWithoutRecommendsAndDropsAptLists() =>
        Problems.AssertNone(FileName, Armv7Rules.LibgpiodIsInstalledLean(Dockerfile()));

    [Fact]
    public void FinalStage_RunsAsNonRootUserInGpioGroup() =>
        Problems.AssertNone(FileName, Armv7Rules.RunsAsNonRootInGpioGroup(Dockerfile()));

    [Fact]
    public void GpioGroup_GidIsBuildArgDefaulting997() =>
        Problems.AssertNone(FileName, Armv7Rules.GpioGidIsAnArgDefaulting997(Dockerfile()));

    [Fact]
    public void Entrypoint_RunsNodeDllWithDotnetInExecForm() =>
        Problems.AssertNone(FileName, Armv7Rules.EntrypointRunsNodeDllWithDotnet(Dockerfile()));

    [Fact]
    public void StateDir_IsAVolume() =>
        Problems.AssertNone(FileName, Armv7Rules.StateDirIsAVolume(Dockerfile()));

    [Fact]
    public void FinalStage_CarriesTheOciLabels() =>
        Problems.AssertNone(FileName, ImageLabelRules.FinalStageIsLabelled(Dockerfile(), BuildProps.Version, BuildProps.License));

    [Fact]
    public void DefaultCmd_ManifestIsCopiedFromTheRepository() =>
        Problems.AssertNone(FileName, Armv7Rules.CmdManifestIsShipped(Dockerfile(), RepoRoot.Path));
}
