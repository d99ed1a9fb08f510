using PiNeurons.Mqtt.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

/// <summary>A connection given the nodes of a cluster: two independent Mosquittos stand in for them here, since
/// moving between brokers needs nothing from the brokers themselves (the cluster stage runs it on ejabberd).</summary>
public sealed class ResilientMqttConnectionFailoverTests : IAsyncLifetime
{
    private MosquittoBroker _first = null!;
    private MosquittoBroker _second = null!;

    public async Task InitializeAsync()
    {
        _first = await MosquittoBroker.StartAsync();
        _second = await MosquittoBroker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task BrokerKilled_MovesToTheNextResubscribesRunsConnectedAndSendsWhatWasQueued()
    {
        var recorder = new ConnectionRecorder();
        await using var node = new RunningConnection(RunningConnection.Options($"{_first.Url},{_second.Url}", "n1/kick"), _ => recorder.Handlers);
        recorder.Watch(node.Connection);
        await node.StartAndWaitAsync();
        Assert.Equal(BrokerAddress.Parse(_first.Url), node.Connection.Session?.Address);
        await using var watcher = await MqttProbe.ConnectAsync(_second.Url, "n1/out");

        await _first.KillAsync();
        await recorder.Lost.WaitAsync(RunningConnection.Timeout);
        Assert.True(node.Connection.Enqueue(MqttMessages.Create("n1/out", "queued while moving")));
        await node.WaitConnectedAsync();

        Assert.Equal(BrokerAddress.Parse(_second.Url), node.Connection.Session?.Address);
        Assert.Equal(2, recorder.Connects);
        var queued = await watcher.WaitForAsync(m => m.Topic == "n1/out", RunningConnection.Timeout);
        Assert.Equal("queued while moving", MqttProbe.PayloadOf(queued));
        await watcher.PublishAsync("n1/kick", "kick on the second broker");
        Assert.Equal("kick on the second broker", await recorder.Received.Reader.ReadAsync().AsTask().WaitAsync(RunningConnection.Timeout));
        Assert.Contains($"moving to the next broker, {_second.Url}, in", node.Logger.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstBrokerDown_ConnectsToTheSecondAndSaysWhy()
    {
        var nobody = $"mqtt://127.0.0.1:{FreePort.Pick()}";
        await using var node = new RunningConnection(RunningConnection.Options($"{nobody},{_second.Url}"));

        await node.StartAndWaitAsync();

        Assert.Equal(BrokerAddress.Parse(_second.Url), node.Connection.Session?.Address);
        Assert.True(node.Connection.Session?.SharedSubscriptionAvailable);
        Assert.Contains($"Connecting to {nobody} failed (attempt 1)", node.Logger.ToString(), StringComparison.Ordinal);
        Assert.Contains($"trying the next broker, {_second.Url}, in", node.Logger.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothDown_TriesThemInTurnUntilOneComesBack()
    {
        var nobody = $"mqtt://127.0.0.1:{FreePort.Pick()}";
        await _second.StopAsync();
        await using var node = new RunningConnection(RunningConnection.Options($"{_second.Url},{nobody}"));

        node.Start();
        await node.Logger.WaitForAsync(2108, 4, RunningConnection.Timeout);
        await _second.RestartAsync();
        await node.WaitConnectedAsync();

        var log = node.Logger.ToString();
        Assert.Contains($"Connecting to {_second.Url} failed", log, StringComparison.Ordinal);
        Assert.Contains($"Connecting to {nobody} failed", log, StringComparison.Ordinal);
        Assert.Equal(BrokerAddress.Parse(_second.Url), node.Connection.Session?.Address);
    }
}
