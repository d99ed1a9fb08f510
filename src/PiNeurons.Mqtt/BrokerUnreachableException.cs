namespace PiNeurons.Mqtt;

/// <summary>The broker could not be reached in time (down, wrong address, firewall): a one-shot tool should say so and exit.</summary>
public sealed class BrokerUnreachableException : Exception
{
    /// <summary>Creates the exception for <paramref name="broker"/> with the reason it could not be reached and what to try.</summary>
    /// <param name="broker">The address that could not be reached.</param>
    /// <param name="reason">What happened, without a closing period.</param>
    /// <param name="hint">What to try, or null.</param>
    /// <param name="innerException">The cause.</param>
    public BrokerUnreachableException(BrokerAddress broker, string reason, string? hint = null, Exception? innerException = null)
        : base($"cannot reach the broker at {broker}: {reason}" + (hint is null ? string.Empty : $"; {hint}"), innerException)
    {
        Broker = broker;
        Reason = reason;
    }

    private BrokerUnreachableException(string message, string reason, Exception? innerException)
        : base(message, innerException) => Reason = reason;

    /// <summary>The address that could not be reached; null when none of several could.</summary>
    public BrokerAddress? Broker { get; }

    /// <summary>None of several brokers could be reached: each one's reason, in the order they were tried.</summary>
    public static BrokerUnreachableException NoneOf(IReadOnlyList<BrokerUnreachableException> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count == 1)
        {
            return failures[0];
        }

        var reasons = string.Join("; ", failures.Select(f => $"{f.Broker}: {f.Reason}"));
        return new($"cannot reach any of the {failures.Count} brokers: {reasons}", reasons, failures[^1]);
    }

    /// <summary>Nothing came back in time: the address accepted nothing, or accepted TCP and never answered CONNECT.</summary>
    public static BrokerUnreachableException NoAnswer(BrokerAddress broker, TimeSpan timeout) =>
        new(broker, $"no answer within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s",
            "is it an MQTT broker, and reachable from here? Set --broker or PINEURONS_BROKER");

    /// <summary>What happened.</summary>
    public string Reason { get; }
}
