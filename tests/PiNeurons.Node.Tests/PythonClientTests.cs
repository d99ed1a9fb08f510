using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// A client that is not .NET: Python's paho-mqtt (Debian's python3-paho-mqtt) configures the XOR network with
/// json.dumps of Python floats (100.0, not 100) and checks the truth table, as a Python user would.
/// </summary>
public sealed class PythonClientTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // Debian's interpreter, where apt installs paho: a python3 earlier on PATH (pyenv, a venv) may not have it.
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task PahoClient_XorConfigAsPythonFloats_EveryNeuronAcceptsItAndXorComputes()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        scenario.StartNode("--neurons", "x,y,h1,h2,h3,z");
        await scenario.WaitOnlineAsync(mark, ["x", "y", "h1", "h2", "h3", "z"]);
        var script = Path.Combine(AppContext.BaseDirectory, "Python", "xor_from_python.py");

        var run = await ShellCommand.RunAsync($"{Python} {script} 127.0.0.1 {fixture.Broker.Port} {scenario.Root}", TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, $"{run}\n{scenario.DescribeNodes()}");
        using var result = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]);
        Assert.Equal(["h1", "h2", "h3", "x", "y", "z"], result.RootElement.GetProperty("configs").EnumerateArray().Select(e => e.GetString()!));
        Assert.Empty(result.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(["(0,0)->0", "(0,1)->1", "(1,0)->1", "(1,1)->0"], result.RootElement.GetProperty("answers").EnumerateArray().Select(e => e.GetString()!));
    }
}
