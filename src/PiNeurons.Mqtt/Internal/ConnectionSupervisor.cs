using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// The loop that keeps a connection up: connect, watch, reconnect with backoff; gives up only on a refusal that
/// retrying cannot fix (bad login, not authorized, the session taken over by another client with this id).
/// With several brokers (the nodes of a cluster), every failed attempt and every lost connection moves to the next
/// one: a broker that just went away is the one least likely to answer at once.
/// </summary>
internal sealed class ConnectionSupervisor : IDisposable
{
    // Only a connection that held this long resets the backoff.
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client;
    private readonly SessionStart _start;
    private readonly ConnectionReadiness _readiness;
    private readonly Outbox _outbox;
    private readonly MqttConnectionOptions _options;
    private readonly BrokerCertificateCheck? _certificateCheck;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<MqttClientDisconnectedEventArgs> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BrokerSession? _session;
    private int _brokerIndex;
    private int _started;

    public ConnectionSupervisor(
        IMqttClient client,
        SessionStart start,
        ConnectionReadiness readiness,
        Outbox outbox,
        MqttConnectionOptions options,
        BrokerCertificateCheck? certificateCheck,
        TimeProvider time,
        ILogger logger)
    {
        _client = client;
        _start = start;
        _readiness = readiness;
        _outbox = outbox;
        _options = options;
        _certificateCheck = certificateCheck;
        _time = time;
        _logger = logger;
        client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>The broker the connection is, or was last, in session with; null before the first CONNACK.</summary>
    public BrokerSession? Session => Volatile.Read(ref _session);

    /// <summary>The broker being used now, or tried next.</summary>
    public BrokerAddress Broker => _options.Brokers[Volatile.Read(ref _brokerIndex)];

    /// <summary>Starts the outbox's sender, then keeps the connection up until <paramref name="ct"/> is cancelled,
    /// <see cref="StopAsync"/> is called, or the broker refuses this client for good.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("RunAsync is already running for this connection");
        }

        _outbox.StartSending();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        try
        {
            await SuperviseAsync(linked.Token);
        }
        finally
        {
            _exited.TrySetResult();
        }
    }

    /// <summary>Ends the loop and, if it ran, waits until it has (bounded by <paramref name="ct"/>).</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        if (Volatile.Read(ref _started) == 1)
        {
            await _exited.Task.WaitAsync(ct);
        }
    }

    /// <summary>Ends the loop without waiting for it.</summary>
    public Task CancelAsync() => _stop.CancelAsync();

    public void Dispose() => _stop.Dispose();

    private async Task SuperviseAsync(CancellationToken ct)
    {
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan delay;
            var broker = Broker;
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
                if (MoveToNextBroker() is { } next)
                {
                    _logger.ConnectionLostMovingOn(broker, Describe(why), next, (long)delay.TotalMilliseconds);
                }
                else
                {
                    _logger.ConnectionLost(broker, Describe(why), (long)delay.TotalMilliseconds);
                }
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
                var reason = TlsFailure.Find(ex, _certificateCheck) ?? ex.Message;
                if (MoveToNextBroker() is { } next)
                {
                    _logger.ConnectAttemptFailedMovingOn(broker, attempt, reason, next, (long)delay.TotalMilliseconds);
                }
                else
                {
                    _logger.ConnectAttemptFailed(broker, attempt, reason, (long)delay.TotalMilliseconds);
                }
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
        var broker = Broker;
        await _start.OpenAsync(broker, lost.Task, session => Volatile.Write(ref _session, session), ct);
        _readiness.Set(true);
        _logger.ConnectionReady(broker, _options.ClientId, _options.Subscriptions.Count);
        return lost.Task;
    }

    // The broker tried next, or null when there is only the one.
    private BrokerAddress? MoveToNextBroker()
    {
        if (_options.Brokers.Count == 1)
        {
            return null;
        }

        Volatile.Write(ref _brokerIndex, _options.Brokers.NextIndex(_brokerIndex));
        return Broker;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        _readiness.Set(false);
        Volatile.Read(ref _lost).TrySetResult(e);
        return Task.CompletedTask;
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
