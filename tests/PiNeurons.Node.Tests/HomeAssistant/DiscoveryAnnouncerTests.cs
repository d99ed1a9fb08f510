using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Persistence;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.HomeAssistant;

/// <summary>
/// The announcer in-process on a real Mosquitto, its re-announce delay on a <see cref="FakeTimeProvider"/>:
/// the delay Home Assistant asks for is checked exactly, without waiting it out.
/// </summary>
public sealed class DiscoveryAnnouncerTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-ha-").FullName;

    [Fact]
    public async Task Reannounce_HomeAssistantOnline_RepublishedOnlyOnceTheDelayPassed()
    {
        var prefix = "ha" + Guid.NewGuid().ToString("N")[..10];
        var configs = new DiscoveryBuilder(prefix, "tannouncer", "1", TimeSpan.FromSeconds(30)).Build(HomeAssistantDiscoveryForm.Device, "x", []);
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        var clock = new TimerSignallingTimeProvider();
        using var stop = new CancellationTokenSource();
        using var announcer = new DiscoveryAnnouncer(
            prefix, configs, Store(), clock, () => TimeSpan.FromSeconds(3), NullLogger<DiscoveryAnnouncer>.Instance);
        await using var connection = announcer.Connect(MqttConnectionHandlers.None, h => Connection(prefix, h));
        var running = connection.RunAsync(stop.Token);
        await AllConfigsAsync(homeAssistant, configs, after: null);
        var before = Snapshot(homeAssistant);

        await homeAssistant.PublishAsync(prefix + "/status", "online");
        var due = await clock.TimerCreated.WaitAsync(Timeout);

        Assert.Equal(TimeSpan.FromSeconds(3), due);
        clock.Advance(TimeSpan.FromSeconds(2.9));
        // Only the timer republishes, and it has not fired: nothing can have come yet.
        Assert.DoesNotContain(homeAssistant.Received, m => !before.Contains(m) && m.Topic.EndsWith("/config", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await AllConfigsAsync(homeAssistant, configs, after: before);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Run_TopicsOfAnEarlierRunMissingNow_ClearedAndForgotten()
    {
        var prefix = "ha" + Guid.NewGuid().ToString("N")[..10];
        var builder = new DiscoveryBuilder(prefix, "tannouncer", "1", TimeSpan.FromSeconds(30));
        var store = Store();
        var gone = builder.BuildDevice("gone", []).Topic;
        store.Save([gone]);
        var configs = builder.Build(HomeAssistantDiscoveryForm.Device, "kept", []);
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        using var stop = new CancellationTokenSource();
        using var announcer = new DiscoveryAnnouncer(
            prefix, configs, store, TimeProvider.System, () => TimeSpan.Zero, NullLogger<DiscoveryAnnouncer>.Instance);

        await using var connection = announcer.Connect(MqttConnectionHandlers.None, h => Connection(prefix, h));
        var running = connection.RunAsync(stop.Token);

        var cleared = await homeAssistant.WaitForAsync(gone, timeout: Timeout);
        Assert.True(cleared.Payload.IsEmpty);
        await AllConfigsAsync(homeAssistant, configs, after: null);
        // Ready comes after the Connected step, which records what is announced once the clearing is acknowledged:
        // the clear reaching Home Assistant does not mean the record is written yet.
        using (var ready = new CancellationTokenSource(Timeout))
        {
            await connection.WaitUntilConnectedAsync(ready.Token);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(configs.Select(c => c.Topic).Order(StringComparer.Ordinal), store.Load().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Connect_AroundANeuronsHandlers_NeuronKeepsItsHandlers()
    {
        var prefix = "ha" + Guid.NewGuid().ToString("N")[..10];
        var configs = new DiscoveryBuilder(prefix, "tannouncer", "1", TimeSpan.FromSeconds(30)).Build(HomeAssistantDiscoveryForm.Device, "x", []);
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#", "tannouncer/x/kick");
        using var stop = new CancellationTokenSource();
        var order = new List<string>();
        var kick = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // What NeuronRuntime gives: its own handlers, which the announcer wraps.
        var neuron = new MqttConnectionHandlers
        {
            Connected = _ =>
            {
                lock (order)
                {
                    order.Add("neuron");
                }

                return Task.CompletedTask;
            },
            MessageReceived = (m, _) =>
            {
                kick.TrySetResult(m.Topic);
                return ValueTask.CompletedTask;
            },
        };
        using var announcer = new DiscoveryAnnouncer(
            prefix, configs, Store(), TimeProvider.System, () => TimeSpan.Zero, NullLogger<DiscoveryAnnouncer>.Instance);
        await using var connection = announcer.Connect(neuron, h => Connection(prefix, h, extraSubscription: "tannouncer/x/kick"));
        var running = connection.RunAsync(stop.Token);

        await AllConfigsAsync(homeAssistant, configs, after: null);
        await homeAssistant.PublishAsync("tannouncer/x/kick", "y");

        Assert.Equal("tannouncer/x/kick", await kick.Task.WaitAsync(Timeout));
        Assert.Equal(["neuron"], order);
        await stop.CancelAsync();
        await running;
    }

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private AnnouncedStore Store() => new(_stateDir, NullLogger<AnnouncedStore>.Instance);

    // The connection's own backoff runs on the real clock: only the announcer's delay is under test.
    private ResilientMqttConnection Connection(string prefix, MqttConnectionHandlers handlers, string? extraSubscription = null) => new(
        new MqttConnectionOptions
        {
            Brokers = BrokerAddress.Parse(fixture.Broker.Url),
            ClientId = "announcer-" + Guid.NewGuid().ToString("N"),
            Subscriptions = extraSubscription is null ? [prefix + "/status"] : [prefix + "/status", extraSubscription],
        },
        handlers,
        NullLogger<ResilientMqttConnection>.Instance,
        TimeProvider.System);

    private static HashSet<object> Snapshot(MqttProbe probe) => new(probe.Received, ReferenceEqualityComparer.Instance);

    private static async Task AllConfigsAsync(MqttProbe probe, IReadOnlyList<DiscoveryMessage> configs, HashSet<object>? after)
    {
        foreach (var config in configs)
        {
            var message = await probe.WaitForAsync(m => m.Topic == config.Topic && (after is null || !after.Contains(m)), Timeout);
            Assert.Equal(config.Payload, MqttProbe.PayloadOf(message));
        }
    }
}
