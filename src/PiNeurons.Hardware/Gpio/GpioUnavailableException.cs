namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// The requested GPIO driver could not be started on this machine. The message names the driver,
/// says what failed and how to get going (simulated board, or which libgpiod to install).
/// </summary>
public sealed class GpioUnavailableException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing <paramref name="message"/>.</summary>
    public GpioUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a complete, user-facing <paramref name="message"/>.</summary>
    public GpioUnavailableException(string message)
        : base(message)
    {
    }
}
