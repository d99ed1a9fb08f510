using System.Threading.Channels;

namespace PiNeurons.Aggregator.Live;

/// <summary>
/// Fans live messages out to every open stream. A subscriber that falls too far behind is closed rather
/// than allowed to hold up the others or lose messages silently: its browser reconnects with
/// Last-Event-ID and catches up from the store.
/// </summary>
public sealed class LiveBroadcaster
{
    /// <summary>Messages a subscriber may have pending before it is dropped.</summary>
    public const int SubscriberCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<Channel<LiveMessage>> _subscribers = [];

    /// <summary>Open subscriptions.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Opens a subscription; dispose it to close.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(SubscriberCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    /// <summary>Sends <paramref name="message"/> to every subscriber.</summary>
    public void Publish(LiveMessage message)
    {
        List<Channel<LiveMessage>>? overflowed = null;
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                if (!s.Writer.TryWrite(message))
                {
                    (overflowed ??= []).Add(s);
                }
            }

            if (overflowed is not null)
            {
                foreach (var s in overflowed)
                {
                    _subscribers.Remove(s);
                    s.Writer.TryComplete(new SubscriberTooSlowException());
                }
            }
        }
    }

    private void Remove(Channel<LiveMessage> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One open stream's feed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly LiveBroadcaster _owner;
        private readonly Channel<LiveMessage> _channel;

        internal Subscription(LiveBroadcaster owner, Channel<LiveMessage> channel)
        {
            _owner = owner;
            _channel = channel;
        }

        /// <summary>The messages, in publish order; completes with <see cref="SubscriberTooSlowException"/> on overflow.</summary>
        public ChannelReader<LiveMessage> Reader => _channel.Reader;

        /// <summary>Closes the subscription.</summary>
        public void Dispose() => _owner.Remove(_channel);
    }
}
