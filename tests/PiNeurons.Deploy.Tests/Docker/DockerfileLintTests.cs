using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>The real linter on Dockerfile.armv7: syntax and instruction checks without a Docker engine.</summary>
public sealed class DockerfileLintTests
{
    [Fact]
    public async Task DockerfileUtilsLint_Armv7_ExitsZeroWithNoFindings()
    {
        var result = await DockerfileLinter.LintAsync("Dockerfile.armv7");

        Assert.True(result.ExitCode == 0 && result.Findings.Count == 0,
            $"dockerfile-utils lint Dockerfile.armv7 exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }

    [Fact]
    public async Task DockerfileUtilsLint_UnknownInstruction_Fails()
    {
        // The linter is only worth trusting if it can fail: give it a file it must reject.
        var path = Path.Combine(Path.GetTempPath(), $"pineurons-lint-{Guid.NewGuid():N}.Dockerfile");
        await File.WriteAllTextAsync(path, "FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-arm32v7\nFOOBAR x\n");
        try
        {
            var result = await DockerfileLinter.LintAsync(path);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(result.Findings, f => f.Contains("FOOBAR", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
