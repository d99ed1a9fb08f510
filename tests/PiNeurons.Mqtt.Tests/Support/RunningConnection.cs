namespace PiNeurons.Mqtt.Tests.Support;

/// <summary>A connection under test with its RunAsync loop, stopped and observed on dispose.</summary>
internal sealed class RunningConnection : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _cts = new();

    /// <summary>A connection with <paramref name="handlers"/>, made from this wrapper so that they can reach its
    /// <see cref="Connection"/> (as a neuron's handlers publish on their own connection).</summary>
    public RunningConnection(MqttConnectionOptions options, Func<RunningConnection, MqttConnectionHandlers>? handlers = null)
    {
        Connection = new ResilientMqttConnection(options, handlers?.Invoke(this) ?? MqttConnectionHandlers.None, Logger, TimeProvider.System);
    }

    public TestLogger<ResilientMqttConnection> Logger { get; } = new();

    public ResilientMqttConnection Connection { get; }

    public Task? Run { get; private set; }

    /// <summary>Options for one broker URL, or several separated by commas (the nodes of a cluster).</summary>
    public static MqttConnectionOptions Options(string brokers, params string[] subscriptions) => new()
    {
        Brokers = BrokerList.Parse(brokers),
        ClientId = $"test-{Guid.NewGuid():N}"[..20],
        Subscriptions = subscriptions,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    public RunningConnection Start()
    {
        Run = Connection.RunAsync(_cts.Token);
        return this;
    }

    public async Task StartAndWaitAsync()
    {
        Start();
        await WaitConnectedAsync();
    }

    public async Task WaitConnectedAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var ready = Connection.WaitUntilConnectedAsync(cts.Token);
        var first = await Task.WhenAny(ready, Run!);
        if (first == Run)
        {
            await Run; // surfaces the exception that ended the loop
        }

        try
        {
            await ready;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"not connected within {Timeout}; log:\n{Logger}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        if (Run is not null)
        {
            await Run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Connection.DisposeAsync();
        _cts.Dispose();
    }
}
