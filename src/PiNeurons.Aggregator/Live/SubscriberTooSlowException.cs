namespace PiNeurons.Aggregator.Live;

/// <summary>A live stream fell more than <see cref="LiveBroadcaster.SubscriberCapacity"/> messages behind.</summary>
public sealed class SubscriberTooSlowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubscriberTooSlowException()
        : base("the stream fell too far behind; reconnect with Last-Event-ID to catch up from the store")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubscriberTooSlowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubscriberTooSlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
