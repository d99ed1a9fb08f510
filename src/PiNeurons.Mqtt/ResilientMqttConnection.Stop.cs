using MQTTnet;

namespace PiNeurons.Mqtt;

/// <summary>Clean shutdown: flush, last message, DISCONNECT (so the broker does not publish the will).</summary>
public sealed partial class ResilientMqttConnection
{
    /// <summary>
    /// Stops the supervisor, flushes the outbox if connected (bounded by <paramref name="ct"/>),
    /// publishes <paramref name="lastMessage"/> (the retained <c>offline</c> status) and awaits its
    /// ack, then sends a normal DISCONNECT. Safe to call when not connected, more than once (later calls
    /// share the first stop), and after <see cref="DisposeAsync"/> (then it does nothing): a host may stop
    /// and dispose a service from two paths at once.
    /// </summary>
    public Task StopAsync(MqttApplicationMessage? lastMessage, CancellationToken ct)
    {
        TaskCompletionSource done;
        lock (_stopGate)
        {
            if (_disposed == 1)
            {
                return Task.CompletedTask;
            }

            if (_stopping is { } running)
            {
                return running;
            }

            done = NewSignal();
            _stopping = done.Task;
        }

        return RunStopAsync(done, lastMessage, ct);
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
        await _supervisor.StopAsync(ct);

        _outbox.Close();
        await FlushOutboxAsync(ct);

        if (!_client.IsConnected)
        {
            _readiness.Set(false);
            return;
        }

        if (lastMessage is not null)
        {
            await RunStopStepAsync("publish last message", () => _client.PublishAsync(lastMessage, ct));
        }

        await RunStopStepAsync("disconnect", () => _client.DisconnectAsync(new MqttClientDisconnectOptions(), ct));
        _readiness.Set(false);
        _logger.DisconnectedCleanly(_options.Broker);
    }

    private async Task FlushOutboxAsync(CancellationToken ct)
    {
        if (_outbox.Sender is not { } sender)
        {
            return;
        }

        if (!_readiness.IsReady)
        {
            // Nothing can be sent any more: messages left in the outbox are abandoned.
            await _lifetime.CancelAsync();
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
                await _lifetime.CancelAsync();
                await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RunStopStepAsync(string step, Func<Task> action)
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
            _logger.StopStepFailed(step, ex.Message);
        }
    }
}
