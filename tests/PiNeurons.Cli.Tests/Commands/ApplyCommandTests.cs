using PiNeurons.Core;
using PiNeurons.Testing;
using System.Text.Json;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Tests.Commands;

public sealed class ApplyCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private const string Manifest = """
        version: 1
        root: pineurons
        hosts:
          pi-a:
            neurons:
              a1:
                threshold: 1.5
                weights: { button: 1 }
                connections: [b1]
          pi-b:
            neurons:
              b1:
                threshold: 0.5
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pineurons-apply-{Guid.NewGuid():N}.yaml");

    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Apply_OneNeuronSilent_ReportsItAndExitsFailed()
    {
        await File.WriteAllTextAsync(_path, Manifest);
        await using var a1 = await FakeNeuron.ListenAsync(fixture.Broker, "a1");
        var (exit, output, error) = CliRun.Start("apply", "--manifest", _path, "--timeout", "1", "--broker", Url);

        await a1.AnswerAsync("pineurons/a1/query", FakeNeuron.State("a1", weights: """{"x":1,"button":2}"""));
        var set = await a1.AnswerAsync("pineurons/a1/set", FakeNeuron.State("a1"));

        Assert.Equal(ExitCodes.Failed, await exit);
        using var patch = JsonDocument.Parse(set.PayloadAsString());
        Assert.Equal(1.5, patch.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal("""{"button":1,"x":null}""", patch.RootElement.GetProperty("weights").GetRawText());
        Assert.Equal("""["b1"]""", patch.RootElement.GetProperty("connections").GetRawText());
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("neuron  host  result", lines[0]);
        Assert.Equal("a1      pi-a  applied", lines[1]);
        Assert.Equal("b1      pi-b  no answer within 1 s: is it online? (pineurons/b1/status)", lines[2]);
        Assert.Equal("1 of 2 neurons applied the manifest", lines[3]);
        Assert.Equal(string.Empty, error.Text);
    }

    [Fact]
    public async Task Apply_BadManifest_ExitsUsageWithProblems()
    {
        await File.WriteAllTextAsync(_path, "version: 1\nhosts:\n  pi-a:\n    neurons:\n      a1:\n        connections: [ghost]\n");

        var result = await CliRun.RunAsync("apply", "--manifest", _path, "--broker", Url);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'ghost' is not a neuron of this manifest", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_MissingFile_ExitsUsage()
    {
        var result = await CliRun.RunAsync("apply", "--manifest", _path, "--broker", Url);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("cannot read manifest", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
