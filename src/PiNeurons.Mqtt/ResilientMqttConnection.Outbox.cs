using System.Threading.Channels;
using MQTTnet;

namespace PiNeurons.Mqtt;

/// <summary>
/// The outbox: a bounded queue and one sender that pipelines QoS 1 publishes while connected, plus a direct
/// path: when the connection is ready and nothing is queued, <see cref="Enqueue"/> starts the publish on the
/// caller's thread, so a neuron's hop does not wait for the sender to be scheduled. Starting a publish and
/// taking from the queue both happen under <c>_sendGate</c>, which keeps messages in enqueue order.
/// </summary>
public sealed partial class ResilientMqttConnection
{
    private readonly Channel<OutboxItem> _outbox;
    private readonly Lock _sendGate = new();
    private readonly Queue<Task> _inFlight = new();
    private volatile bool _outboxClosed;
    private Task? _sender;
    private long _droppedFull;
    private long _droppedStale;
    private long _publishFailures;
    private int _failureLogged;

    /// <summary>Messages refused by <see cref="Enqueue"/> because the outbox was full.</summary>
    public long DroppedFull => Interlocked.Read(ref _droppedFull);

    /// <summary>Messages dropped because their max age passed before they could be sent.</summary>
    public long DroppedStale => Interlocked.Read(ref _droppedStale);

    /// <summary>Outbox publishes that failed (typically started just before the connection dropped).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Messages waiting in the outbox.</summary>
    public int OutboxCount => _outbox.Reader.Count;

    /// <summary>
    /// Queues a message without blocking; it is published in order once the connection is ready.
    /// A message still unsent after <paramref name="maxAge"/> is dropped, so a kick older than the
    /// neuron's input lasting time is not replayed late after a reconnect.
    /// </summary>
    /// <returns>False when the outbox is full (counted in <see cref="DroppedFull"/>) or stopped.</returns>
    public bool Enqueue(MqttApplicationMessage message, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (TryPublishDirectly(message))
        {
            return true;
        }

        if (_outbox.Writer.TryWrite(new OutboxItem(message, _time.GetTimestamp(), maxAge)))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedFull);
        return false;
    }

    private bool TryPublishDirectly(MqttApplicationMessage message)
    {
        if (!_readiness.IsReady || _outboxClosed)
        {
            return false;
        }

        lock (_sendGate)
        {
            PruneCompleted();
            if (!_readiness.IsReady || _outboxClosed || _outbox.Reader.TryPeek(out _) || _inFlight.Count >= _options.MaxInFlight)
            {
                return false;
            }

            // Runs synchronously up to the socket write; only the PUBACK wait is left pending.
            _inFlight.Enqueue(PublishFromOutboxAsync(message, _lifetime.Token));
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

    private static Channel<OutboxItem> CreateOutbox(int capacity) =>
        Channel.CreateBounded<OutboxItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast instead of evicting
        });

    // Publishes are started in enqueue order and up to MaxInFlight await their PUBACK at once: waiting
    // for each ack before the next send would cap a neuron at one broker round trip per message.
    private async Task SendLoopAsync(CancellationToken ct)
    {
        var reader = _outbox.Reader;
        try
        {
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    if (!await reader.WaitToReadAsync(ct))
                    {
                        break; // completed by StopAsync: flush what is in flight, then stop
                    }

                    continue;
                }

                if (!_readiness.IsReady)
                {
                    await WaitUntilConnectedAsync(ct);
                    continue;
                }

                Task? full = null;
                lock (_sendGate)
                {
                    PruneCompleted();
                    if (_inFlight.Count >= _options.MaxInFlight)
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
                            _inFlight.Enqueue(PublishFromOutboxAsync(item.Message, ct));
                        }
                    }
                }

                if (full is not null)
                {
                    await full; // never throws: PublishFromOutboxAsync counts and logs its failures
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
    private async Task PublishFromOutboxAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        string reason;
        try
        {
            var result = await _client.PublishAsync(message, ct);
            if (IsAccepted(result))
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

    private readonly record struct OutboxItem(MqttApplicationMessage Message, long EnqueuedAt, TimeSpan? MaxAge);
}
