using PiNeurons.Node.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>A neuron outlives its broker: it reconnects by itself, says online again and takes kicks.</summary>
public sealed class BrokerRestartTests
{
    [Fact]
    public async Task BrokerRestart_NeuronComesBackOnlineAndProcessesKicks()
    {
        // A broker of this test's own: restarting the shared one would disturb the other tests.
        await using var broker = await MosquittoBroker.StartAsync();
        await using var scenario = await Scenario.StartAsync(broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");

        await broker.RestartAsync();
        // The broker keeps no retained messages across the restart (persistence false), so an
        // online status seen now was published after the reconnect.
        await scenario.ReconnectProbeAsync();
        await scenario.WaitOnlineAsync(null, "n");
        await scenario.PublishAsync("n", "kick", string.Empty);

        var kicked = await scenario.WaitEventAsync(null, "n", "kicked");
        Assert.Equal("external", Scenario.Text(kicked, "from"));
        await scenario.WaitEventAsync(null, "n", "fired");
        Assert.True(node.IsRunning, node.Describe());
    }
}
