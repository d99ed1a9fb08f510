using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// A bounded queue and one sender that pipelines QoS 1 publishes while the connection is ready, plus a direct
/// path: when the connection is ready and nothing is queued, <see cref="Enqueue"/> starts the publish on the
/// caller's thread, so a neuron's hop does not wait for the sender to be scheduled. Starting a publish and
/// taking from the queue both happen under <c>_sendGate</c>, which keeps messages in enqueue order.
/// </summary>
internal sealed class Outbox
{
    private readonly IMqttClient _client;
    private readonly int _maxInFlight;
    private readonly ConnectionReadiness _readiness;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _lifetime;
    private readonly Channel<Item> _queue;
    private readonly Lock _sendGate = new();
    private readonly Queue<Task> _inFlight = new();
    private volatile bool _closed;
    private long _droppedFull;
    private long _droppedStale;
    private long _publishFailures;
    private int _failureLogged;

    /// <summary>Creates the outbox; nothing is sent until <see cref="StartSending"/>, and nothing after
    /// <paramref name="lifetime"/> is cancelled.</summary>
    public Outbox(
        IMqttClient client, int capacity, int maxInFlight, ConnectionReadiness readiness, TimeProvider time, ILogger logger, CancellationToken lifetime)
    {
        _client = client;
        _maxInFlight = maxInFlight;
        _readiness = readiness;
        _time = time;
        _logger = logger;
        _lifetime = lifetime;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast instead of evicting
        });
    }

    /// <summary>Messages refused by <see cref="Enqueue"/> because the outbox was full.</summary>
    public long DroppedFull => Interlocked.Read(ref _droppedFull);

    /// <summary>Messages dropped because their max age passed before they could be sent.</summary>
    public long DroppedStale => Interlocked.Read(ref _droppedStale);

    /// <summary>Publishes that failed (typically started just before the connection dropped).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Messages waiting in the queue.</summary>
    public int Count => _queue.Reader.Count;

    /// <summary>The sender, once started: it ends after <see cref="Close"/> once the queue and in-flight
    /// publishes are done, or when the lifetime is cancelled.</summary>
    public Task? Sender { get; private set; }

    /// <summary>Queues a message, or publishes it at once when nothing is queued ahead of it.</summary>
    /// <returns>False when the outbox is full (counted in <see cref="DroppedFull"/>) or closed.</returns>
    public bool Enqueue(MqttApplicationMessage message, TimeSpan? maxAge)
    {
        if (TryPublishDirectly(message))
        {
            return true;
        }

        if (_queue.Writer.TryWrite(new Item(message, _time.GetTimestamp(), maxAge)))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedFull);
        return false;
    }

    /// <summary>Starts the sender; called once, when the connection starts running.</summary>
    public void StartSending() => Sender = SendLoopAsync(_lifetime);

    /// <summary>Takes no more messages; the sender sends what is queued (while ready) and ends.</summary>
    public void Close()
    {
        _closed = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>The connection was lost: the next publish failure is logged again.</summary>
    public void RearmFailureLog() => Interlocked.Exchange(ref _failureLogged, 0);

    private bool TryPublishDirectly(MqttApplicationMessage message)
    {
        if (!_readiness.IsReady || _closed)
        {
            return false;
        }

        lock (_sendGate)
        {
            PruneCompleted();
            if (!_readiness.IsReady || _closed || _queue.Reader.TryPeek(out _) || _inFlight.Count >= _maxInFlight)
            {
                return false;
            }

            // Runs synchronously up to the socket write; only the PUBACK wait is left pending.
            _inFlight.Enqueue(PublishAsync(message, _lifetime));
            return true;
        }
    }

    private void PruneCompleted()
    {
        while (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted)
        {
            _inFlight.Dequeue();
        }
    }

    // Publishes are started in enqueue order and up to MaxInFlight await their PUBACK at once: waiting
    // for each ack before the next send would cap a neuron at one broker round trip per message.
    private async Task SendLoopAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    if (!await reader.WaitToReadAsync(ct))
                    {
                        break; // closed: flush what is in flight, then stop
                    }

                    continue;
                }

                if (!_readiness.IsReady)
                {
                    await _readiness.WaitAsync(ct);
                    continue;
                }

                Task? full = null;
                lock (_sendGate)
                {
                    PruneCompleted();
                    if (_inFlight.Count >= _maxInFlight)
                    {
                        full = _inFlight.Peek();
                    }
                    else if (reader.TryRead(out var item))
                    {
                        if (item.MaxAge is { } maxAge && _time.GetElapsedTime(item.EnqueuedAt) > maxAge)
                        {
                            Interlocked.Increment(ref _droppedStale);
                            _logger.OutboxDroppedStale(item.Message.Topic, (long)maxAge.TotalMilliseconds);
                        }
                        else
                        {
                            _inFlight.Enqueue(PublishAsync(item.Message, ct));
                        }
                    }
                }

                if (full is not null)
                {
                    await full; // never throws: PublishAsync counts and logs its failures
                }
            }

            await DrainInFlightAsync();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.OutboxSenderFailed(ex);
            throw;
        }
    }

    private async Task DrainInFlightAsync()
    {
        Task[] pending;
        lock (_sendGate)
        {
            pending = [.. _inFlight];
            _inFlight.Clear();
        }

        await Task.WhenAll(pending);
    }

    // Never throws: a failure is counted and logged once per outage, so the sender can await it freely.
    private async Task PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        string reason;
        try
        {
            var result = await _client.PublishAsync(message, ct);
            if (PublishAck.IsAccepted(result))
            {
                return;
            }

            reason = $"{result.ReasonCode} {result.ReasonString}";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // counted and logged; the sender must keep going
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = ex.Message;
        }

        Interlocked.Increment(ref _publishFailures);
        if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
        {
            _logger.OutboxPublishFailed(reason);
        }
    }

    private readonly record struct Item(MqttApplicationMessage Message, long EnqueuedAt, TimeSpan? MaxAge);
}
