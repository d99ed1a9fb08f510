using Microsoft.Extensions.Logging;
using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Ending a connection: a clean stop (flush, last message, DISCONNECT, so the broker does not publish the will)
/// or disposal (no DISCONNECT: the broker publishes the will). A host may stop and dispose a service from two
/// paths at once: one stop at a time, none after disposal, and disposal waits for a stop in progress.
/// </summary>
internal sealed class ConnectionShutdown(
    IMqttClient client,
    ConnectionSupervisor supervisor,
    Outbox outbox,
    ConnectionReadiness readiness,
    CancellationTokenSource lifetime,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private Task? _stopping;
    private int _disposed;

    /// <summary>True once disposal has begun.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>
    /// The first call stops the supervisor, flushes the outbox if connected (bounded by <paramref name="ct"/>),
    /// publishes <paramref name="lastMessage"/> and awaits its ack, then sends a normal DISCONNECT; later calls
    /// share it, and calls after disposal do nothing.
    /// </summary>
    public Task StopAsync(MqttApplicationMessage? lastMessage, CancellationToken ct)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_disposed == 1)
            {
                return Task.CompletedTask;
            }

            if (_stopping is { } running)
            {
                return running;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopping = done.Task;
        }

        return RunStopAsync(done, lastMessage, ct);
    }

    /// <summary>Stops everything without a DISCONNECT and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? stopping;
        lock (_gate)
        {
            if (_disposed == 1)
            {
                return;
            }

            _disposed = 1;
            stopping = _stopping;
        }

        // A stop in progress finishes before what it uses goes away.
        if (stopping is not null)
        {
            await stopping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await supervisor.CancelAsync();
        await lifetime.CancelAsync();
        outbox.Close();
        if (outbox.Sender is { } sender)
        {
            await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        client.Dispose();
        supervisor.Dispose();
        lifetime.Dispose();
    }

    private async Task RunStopAsync(TaskCompletionSource done, MqttApplicationMessage? lastMessage, CancellationToken ct)
    {
        try
        {
            await StopOnceAsync(lastMessage, ct);
        }
        finally
        {
            // Other callers wait for this attempt to end; its failure, if any, goes to the first caller.
            done.TrySetResult();
        }
    }

    private async Task StopOnceAsync(MqttApplicationMessage? lastMessage, CancellationToken ct)
    {
        await supervisor.StopAsync(ct);
        outbox.Close();
        await FlushOutboxAsync(ct);

        if (!client.IsConnected)
        {
            readiness.Set(false);
            return;
        }

        if (lastMessage is not null)
        {
            await RunStepAsync("publish last message", () => client.PublishAsync(lastMessage, ct));
        }

        await RunStepAsync("disconnect", () => client.DisconnectAsync(new MqttClientDisconnectOptions(), ct));
        readiness.Set(false);
        logger.DisconnectedCleanly(supervisor.Broker);
    }

    private async Task FlushOutboxAsync(CancellationToken ct)
    {
        if (outbox.Sender is not { } sender)
        {
            return;
        }

        if (!readiness.IsReady)
        {
            // Nothing can be sent any more: messages left in the outbox are abandoned.
            await lifetime.CancelAsync();
            await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        try
        {
            await sender.WaitAsync(ct);
        }
        finally
        {
            if (!sender.IsCompleted)
            {
                await lifetime.CancelAsync();
                await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RunStepAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // shutdown goes on; the broker's will covers a failed last message
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.StopStepFailed(step, ex.Message);
        }
    }
}
