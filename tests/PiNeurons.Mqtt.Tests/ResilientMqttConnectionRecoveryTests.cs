using PiNeurons.Mqtt.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

public sealed class ResilientMqttConnectionRecoveryTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task BrokerRestart_ReconnectsResubscribesAndRunsConnectedAgain()
    {
        var recorder = new ConnectionRecorder();
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url, "n1/kick"), _ => recorder.Handlers);
        recorder.Watch(node.Connection);
        await node.StartAndWaitAsync();

        await _broker.RestartAsync();
        await recorder.Lost.WaitAsync(RunningConnection.Timeout);
        await node.WaitConnectedAsync();

        await using var probe = await MqttProbe.ConnectAsync(_broker.Url);
        await probe.PublishAsync("n1/kick", "after-restart");
        Assert.Equal("after-restart", await recorder.Received.Reader.ReadAsync().AsTask().WaitAsync(RunningConnection.Timeout));
        Assert.Equal(2, recorder.Connects);
        Assert.True(node.Logger.Count(2102) >= 1, node.Logger.ToString());
    }

    [Fact]
    public async Task BrokerDown_StaleMessagesDroppedFreshOnesDelivered()
    {
        var probeSubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connects = 0;
        // The outbox drains only after Connected: hold the reconnect there until the probe listens.
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url), _ => new MqttConnectionHandlers
        {
            Connected = ct => Interlocked.Increment(ref connects) == 1 ? Task.CompletedTask : probeSubscribed.Task.WaitAsync(ct),
        });
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Connection.ConnectionChanged += (_, up) =>
        {
            if (!up)
            {
                lost.TrySetResult();
            }
        };
        await node.StartAndWaitAsync();

        await _broker.KillAsync();
        await lost.Task.WaitAsync(RunningConnection.Timeout);
        // Tiny max age: by the time the broker is back and the connection ready, these are stale.
        node.Connection.Enqueue(MqttMessages.Create("n1/kick", "stale-1"), TimeSpan.FromTicks(1));
        node.Connection.Enqueue(MqttMessages.Create("n1/kick", "fresh"), TimeSpan.FromMinutes(5));
        node.Connection.Enqueue(MqttMessages.Create("n1/kick", "stale-2"), TimeSpan.FromTicks(1));
        node.Connection.Enqueue(MqttMessages.Create("n1/kick", "last"));
        await _broker.RestartAsync();
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "n1/kick");
        probeSubscribed.SetResult();
        await node.WaitConnectedAsync();

        await probe.WaitForAsync("n1/kick", "last");
        Assert.Equal(["fresh", "last"], probe.Received.Select(MqttProbe.PayloadOf));
        Assert.Equal(2, node.Connection.DroppedStale);
    }

    [Fact]
    public async Task BrokerDown_KeepsRetryingWithWarnings()
    {
        await _broker.KillAsync();
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url));
        node.Start();
        await node.Logger.WaitForAsync(2101, RunningConnection.Timeout);

        await _broker.RestartAsync();
        await node.WaitConnectedAsync();

        Assert.False(node.Run!.IsCompleted);
        var warning = node.Logger.Entries.First(e => e.Id.Id == 2101);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("next attempt in", warning.Message, StringComparison.Ordinal);
    }
}
