using PiNeurons.Testing;
using PiNeurons.Node.Tests.Support;

namespace PiNeurons.Node.Tests;

/// <summary>
/// The XOR network of firmware-config/xor.yaml over a real broker: z fires for exactly one of x, y
/// (docs/protocol.md's integration window is what makes (1,1) answer 0).
/// </summary>
public sealed class XorTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly string[] Neurons = [.. XorTruthTable.Neurons];

    [Fact]
    public async Task Xor_OneNodeProcessPerHost_ZFiresForExactlyOneInput()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        foreach (var host in XorTruthTable.Hosts)
        {
            scenario.StartNode("--manifest", TempManifest.Xor, "--node", host, "--gpio", "simulated");
        }

        await scenario.WaitOnlineAsync(mark, Neurons);

        await XorTruthTable.AssertAsync(scenario);
    }

    [Fact]
    public async Task Xor_AllHostsInOneProcess_ZFiresForExactlyOneInput()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        scenario.StartNode("--manifest", TempManifest.Xor, "--node", "all", "--gpio", "simulated");

        await scenario.WaitOnlineAsync(mark, Neurons);

        await XorTruthTable.AssertAsync(scenario);
    }
}
