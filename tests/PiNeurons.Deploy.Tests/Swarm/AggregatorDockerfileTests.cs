using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PiNeurons.Deploy.Tests.Docker;
using PiNeurons.Deploy.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>Dockerfile.aggregator as committed: the rules it shares with Dockerfile.armv7, its own
/// rules, the real linter, and its HEALTHCHECK command run against a real socket.</summary>
public sealed class AggregatorDockerfileTests
{
    private const string FileName = AggregatorRules.FileName;
    private const string ImageAddress = "/dev/tcp/127.0.0.1/8080";

    private static DockerfileModel Dockerfile() => DockerfileModel.Parse(RepoRoot.ReadAllText(FileName));

    [Fact]
    public void BuildStage_RunsOnBuildPlatform() =>
        Problems.AssertNone(FileName, Armv7Rules.BuildStageRunsOnBuildPlatform(Dockerfile()));

    [Fact]
    public void Publish_IsPortableWithoutAppHostOrRid() =>
        Problems.AssertNone(FileName, Armv7Rules.PublishIsPortableWithoutAppHost(Dockerfile()));

    [Fact]
    public void Publish_IsTheAggregatorProject() =>
        Problems.AssertNone(FileName, AggregatorRules.PublishesTheAggregator(Dockerfile()));

    [Fact]
    public void FinalStage_IsMultiArchAspnet10() =>
        Problems.AssertNone(FileName, AggregatorRules.FinalStageIsMultiArchAspnet10(Dockerfile()));

    [Fact]
    public void FinalStage_RunsAsNonRoot() =>
        Problems.AssertNone(FileName, AggregatorRules.RunsAsNonRoot(Dockerfile()));

    [Fact]
    public void Healthcheck_ProbesHealthz() =>
        Problems.AssertNone(FileName, AggregatorRules.HealthcheckProbesHealthz(Dockerfile()));

    [Fact]
    public void Port8080_IsExposed() =>
        Problems.AssertNone(FileName, AggregatorRules.Exposes8080(Dockerfile()));

    [Fact]
    public void Entrypoint_RunsTheAggregatorDllWithDotnet() =>
        Problems.AssertNone(FileName, AggregatorRules.EntrypointRunsTheDllWithDotnet(Dockerfile()));

    [Fact]
    public void StateDir_IsAVolumeOwnedByTheUser() =>
        Problems.AssertNone(FileName, AggregatorRules.StateDirIsAVolumeTheUserOwns(Dockerfile()));

    [Fact]
    public void FinalStage_CarriesTheOciLabels() =>
        Problems.AssertNone(FileName, ImageLabelRules.FinalStageIsLabelled(Dockerfile(), BuildProps.Version, BuildProps.License));

    [Fact]
    public async Task DockerfileUtilsLint_Aggregator_ExitsZeroWithNoFindings()
    {
        var result = await DockerfileLinter.LintAsync(FileName);

        Assert.True(result.ExitCode == 0 && result.Findings.Count == 0,
            $"dockerfile-utils lint {FileName} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }

    [Fact]
    public void Dockerignore_KeepsWhatDockerfileAggregatorCopies()
    {
        var ignored = RepoRoot.ReadAllText(".dockerignore")
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#') && !l.StartsWith('!'))
            .Select(l => l.TrimStart('/').TrimEnd('/'))
            .ToArray();
        var copied = Dockerfile().Stages.SelectMany(s => s.All("COPY"))
            .Where(c => !c.Flags().ContainsKey("from"))
            .SelectMany(c => c.Operands().SkipLast(1))
            .Select(s => s.TrimEnd('/'))
            .Distinct()
            .ToArray();

        Assert.All(copied, source =>
        {
            Assert.True(File.Exists(RepoRoot.File(source)) || Directory.Exists(RepoRoot.File(source)), $"{FileName} copies {source}, which is not in the repository.");
            Assert.DoesNotContain(ignored, p => source == p || source.StartsWith(p + "/", StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(503, false)]
    [InlineData(404, false)]
    public async Task HealthcheckCommand_AgainstAServerAnsweringStatus_PassesOnlyOn200(int status, bool healthy)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = AnswerOnceAsync(listener, status);

        var exitCode = await RunHealthcheckAsync(port);
        var requestLine = await served.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("GET /healthz HTTP/1.0", requestLine);
        Assert.Equal(healthy, exitCode == 0);
    }

    [Fact]
    public async Task HealthcheckCommand_NothingListening_Fails()
    {
        var exitCode = await RunHealthcheckAsync(FreePort.Pick());

        Assert.NotEqual(0, exitCode);
    }

    /// <summary>The image's HEALTHCHECK, as Docker runs it (exec form), with its port moved to
    /// <paramref name="port"/>.</summary>
    private static async Task<int> RunHealthcheckAsync(int port)
    {
        var command = AggregatorRules.HealthcheckCommand(Dockerfile());
        Assert.NotNull(command);
        var text = string.Join('\u0000', command);
        Assert.Contains(ImageAddress, text, StringComparison.Ordinal);
        var args = text.Replace(ImageAddress, $"/dev/tcp/127.0.0.1/{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal).Split('\u0000');

        var result = await ChildProcess.RunAsync(args[0], args.Skip(1), TimeSpan.FromSeconds(10));
        return result.ExitCode;
    }

    /// <summary>Reads one HTTP request head, answers it with <paramref name="status"/> and closes;
    /// returns the request line.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, int status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var response = $"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return head.ToString().Split("\r\n")[0];
    }
}
