namespace PiNeurons.Aggregator.Hosting;

/// <summary>The aggregator's options are wrong; the message names the option and the fix.</summary>
public sealed class AggregatorConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AggregatorConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AggregatorConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AggregatorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
