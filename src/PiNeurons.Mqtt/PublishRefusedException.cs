namespace PiNeurons.Mqtt;

/// <summary>The broker acknowledged a publication with a refusal (MQTT 5 PUBACK reason code), typically because
/// the login may not publish to that topic: nobody received it.</summary>
public sealed class PublishRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="topic"/>, refused with <paramref name="reason"/>.</summary>
    public PublishRefusedException(BrokerAddress broker, string topic, string reason, string? userName)
        : base($"broker {broker} refused the publication on {topic} ({reason}): "
            + (userName is null ? "an anonymous client may not publish there" : $"the login '{userName}' may not publish there; check the broker's access rules"))
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
