namespace PiNeurons.Mqtt;

/// <summary>The broker could not be reached in time (down, wrong address, firewall): a one-shot tool should say so and exit.</summary>
public sealed class BrokerUnreachableException : Exception
{
    /// <summary>Creates the exception for <paramref name="broker"/> with the reason it could not be reached.</summary>
    public BrokerUnreachableException(BrokerAddress broker, string reason, Exception? innerException = null)
        : base($"cannot reach the broker at {broker}: {reason}. Is it running? Set --broker or PINEURONS_BROKER.", innerException)
    {
        Broker = broker;
    }

    /// <summary>The address that could not be reached.</summary>
    public BrokerAddress? Broker { get; }
}
