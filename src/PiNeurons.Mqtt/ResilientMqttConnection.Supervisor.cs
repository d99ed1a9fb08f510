using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;
using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt;

/// <summary>The supervisor loop: connect, subscribe, <c>Connected</c>, watch, reconnect with backoff.</summary>
public sealed partial class ResilientMqttConnection
{
    private readonly TaskCompletionSource _runExited = NewSignal();
    private TaskCompletionSource<MqttClientDisconnectedEventArgs> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runStarted;

    /// <summary>
    /// Keeps the connection up until <paramref name="ct"/> is cancelled (then completes normally) or
    /// the broker refuses this client for good.
    /// </summary>
    /// <exception cref="MqttConnectionFatalException">Bad credentials, not authorized, or the session was taken over.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        if (Interlocked.Exchange(ref _runStarted, 1) == 1)
        {
            throw new InvalidOperationException("RunAsync is already running for this connection");
        }

        _outbox.StartSending();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopSupervisor.Token);
        try
        {
            await SuperviseAsync(linked.Token);
        }
        finally
        {
            _runExited.TrySetResult();
        }
    }

    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(5);

    private async Task SuperviseAsync(CancellationToken ct)
    {
        var broker = _options.Broker;
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var lost = await ConnectOnceAsync(ct);
                attempt = 0;
                var connectedAt = _time.GetTimestamp();
                var why = await lost.WaitAsync(ct);
                _readiness.Set(false);
                // Reset only after a connection that held: one dropped at once (a broker that kicks us out,
                // a client id hosted twice) must not turn into a reconnect storm at the initial backoff.
                if (_time.GetElapsedTime(connectedAt) >= StableConnection)
                {
                    backoff.Reset();
                }
                if (ConnectRefusal.IsSessionTakenOver(why))
                {
                    throw new MqttConnectionFatalException(ConnectRefusal.SessionTakenOver(broker, _options.ClientId));
                }

                delay = backoff.Next();
                _logger.ConnectionLost(broker, Describe(why), (long)delay.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (MqttConnectionFatalException ex)
            {
                _logger.ConnectionFatal(broker, ex.Message);
                await DropAsync();
                throw;
            }
#pragma warning disable CA1031 // the supervisor is the loop boundary: any failure means "try again later"
            catch (Exception ex)
#pragma warning restore CA1031
            {
                attempt++;
                delay = backoff.Next();
                _logger.ConnectAttemptFailed(broker, attempt, Tls.TlsFailure.Find(ex, _certificateCheck) ?? ex.Message, (long)delay.TotalMilliseconds);
                await DropAsync();
            }

            try
            {
                await Task.Delay(delay, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Returns the signal that completes when this connection is lost.
    private async Task<Task<MqttClientDisconnectedEventArgs>> ConnectOnceAsync(CancellationToken ct)
    {
        var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _lost, lost);
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(_clientOptions, ct);
        }
        catch (MqttConnectingFailedException ex)
        {
            // A refused CONNACK surfaces as this exception; the result code travels in the Disconnected args.
            if (lost.Task.IsCompletedSuccessfully && lost.Task.Result.ConnectResult is { } refused)
            {
                ThrowIfFatal(refused.ResultCode, ex);
            }

            throw;
        }

        ThrowIfFatal(result.ResultCode, null);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker answered {result.ResultCode} {result.ReasonString}");
        }

        await SubscribeAllAsync(ct);
        if (_handlers.Connected is { } connected)
        {
            await connected(ct);
        }

        if (lost.Task.IsCompleted)
        {
            throw new InvalidOperationException("connection lost while subscribing or running the Connected callback");
        }

        _readiness.Set(true);
        _logger.ConnectionReady(_options.Broker, _options.ClientId, _options.Subscriptions.Count);
        return lost.Task;
    }

    private async Task SubscribeAllAsync(CancellationToken ct)
    {
        if (_options.Subscriptions.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _options.Subscriptions)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(builder.Build(), ct);
        foreach (var item in result.Items)
        {
            if (item.ResultCode == MqttClientSubscribeResultCode.NotAuthorized)
            {
                throw new MqttConnectionFatalException(
                    $"broker {_options.Broker} refused client '{_options.ClientId}' a subscription to '{item.TopicFilter.Topic}': not authorized; check the broker's access rules");
            }

            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException($"subscribing to '{item.TopicFilter.Topic}' failed: {item.ResultCode}");
            }
        }
    }

    private void ThrowIfFatal(MqttClientConnectResultCode code, Exception? cause)
    {
        if (ConnectRefusal.FatalMessage(code, _options.Broker, _options.ClientId) is { } message)
        {
            throw new MqttConnectionFatalException(message, cause);
        }
    }

    // Leaves the client disconnected so the next attempt starts clean (e.g. after a failed Connected callback).
    private async Task DropAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            // An abandoned attempt may already have said "online": ask the broker to publish our will
            // (MQTT 5 reason 0x04), so the retained status does not claim a connection that is gone.
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            var options = new MqttClientDisconnectOptionsBuilder()
                .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage)
                .Build();
            await _client.DisconnectAsync(options, bounded.Token);
        }
#pragma warning disable CA1031 // best effort: the connection is being abandoned anyway
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string Describe(MqttClientDisconnectedEventArgs e) =>
        e.Exception is { } ex ? $"{e.Reason}: {ex.Message}" : $"{e.Reason} {e.ReasonString}".TrimEnd();
}
