using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// Several aggregators share the ingest (deploy/swarm/stack.postgres.yml) on a broker that holds one connection per
/// user name (<c>use_username_as_clientid</c>): <c>--aggregator-replicas N</c> gives each task slot a user of its own,
/// with the aggregator's password and rights.
/// </summary>
public sealed class AggregatorReplicasTests : IDisposable
{
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Replicas_EachSlotLogsInAtTheSameTimeAndReadsEvents()
    {
        var generated = await _out.RunAsync("--aggregator-replicas", "2");
        Assert.True(generated.ExitCode == ExitCodes.Ok, generated.ToString());
        Assert.False(File.Exists(_out.PathOf("passwords/aggregator-1")), "the replicas share the aggregator's password file");
        var (broker, _) = await LockedBroker.StartAsync(_out.Dir);
        await using var __ = broker;
        var password = _out.Password("aggregator");

        await using var first = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, b => b.WithCredentials("aggregator-1", password), "$share/aggregators/pineurons/+/events");
        await using var second = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, b => b.WithCredentials("aggregator-2", password), "$share/aggregators/pineurons/+/events");
        await using var h1 = await LockedBroker.LoginAsync(_out, broker.Port, "h1", []);
        for (var i = 0; i < 20; i++)
        {
            await h1.PublishAsync("pineurons/h1/events", "{}");
        }

        // The group splits the 20 events between the two; both sessions stayed up to take their share.
        await first.WaitForAsync(m => m.Topic == "pineurons/h1/events");
        await second.WaitForAsync(m => m.Topic == "pineurons/h1/events");
        Assert.True(first.Client.IsConnected && second.Client.IsConnected);
    }

    [Fact]
    public async Task Replicas_ANameTakenByANeuron_UsageError()
    {
        var manifest = Path.Combine(_out.Root, "m.yaml");
        await File.WriteAllTextAsync(manifest, "hosts:\n  pi-a:\n    neurons:\n      aggregator-2:\n");

        var result = await Commands.CliRun.RunAsync("secrets", "--manifest", manifest, "--out", _out.Dir, "--aggregator-replicas", "2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'aggregator-2' is also a neuron or operator", result.Error, StringComparison.Ordinal);
    }
}
