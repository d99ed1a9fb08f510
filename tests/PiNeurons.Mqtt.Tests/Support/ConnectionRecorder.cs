using System.Threading.Channels;

namespace PiNeurons.Mqtt.Tests.Support;

/// <summary>What a connection under test went through, as a neuron would see it: how often Connected ran, the payloads
/// it received, and a signal for the first time it was lost.</summary>
internal sealed class ConnectionRecorder
{
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connects;

    /// <summary>Handlers that record into this.</summary>
    public MqttConnectionHandlers Handlers => new()
    {
        Connected = _ =>
        {
            Interlocked.Increment(ref _connects);
            return Task.CompletedTask;
        },
        MessageReceived = (m, _) =>
        {
            Received.Writer.TryWrite(m.PayloadAsString());
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>How many times Connected ran.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Each received payload, in order.</summary>
    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Completes when <see cref="Watch"/>ed connection is first lost.</summary>
    public Task Lost => _lost.Task;

    /// <summary>Starts listening for <paramref name="connection"/> being lost.</summary>
    public void Watch(ResilientMqttConnection connection) => connection.ConnectionChanged += (_, up) =>
    {
        if (!up)
        {
            _lost.TrySetResult();
        }
    };
}
