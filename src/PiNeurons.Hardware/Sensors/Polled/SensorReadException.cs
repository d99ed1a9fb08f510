namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// A sensor read failed. The message is one line a user can act on: which device, where, and why
/// (for example <c>BME280 at I2C bus 1 address 0x76: no answer (Remote I/O error)</c>). The caller
/// reports it as an <c>error</c> event and polls again at the next interval.
/// </summary>
public sealed class SensorReadException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing <paramref name="message"/>.</summary>
    public SensorReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete, user-facing <paramref name="message"/>.</summary>
    public SensorReadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
