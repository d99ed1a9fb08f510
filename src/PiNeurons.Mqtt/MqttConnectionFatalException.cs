namespace PiNeurons.Mqtt;

/// <summary>
/// The broker refused this client for a reason retrying cannot fix (bad credentials, not authorized,
/// session taken over by another client with the same id). The message says what to check.
/// </summary>
public sealed class MqttConnectionFatalException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public MqttConnectionFatalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an operator-facing message and its cause.</summary>
    public MqttConnectionFatalException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
