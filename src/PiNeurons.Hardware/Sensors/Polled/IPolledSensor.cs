namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>A sensor that is read when asked, at the interval its configuration sets.</summary>
public interface IPolledSensor : IDisposable
{
    /// <summary>The sensor's name, unique on the neuron.</summary>
    string Name { get; }

    /// <summary>What <see cref="Read"/> returns.</summary>
    SensorMeasure Measure { get; }

    /// <summary>The unit of every reading; see <see cref="SensorUnits"/>.</summary>
    string Unit { get; }

    /// <summary>
    /// Reads the sensor now. Synchronous: it may block up to about a second (a DS18B20 converts for
    /// 750 ms). Call it from one thread at a time.
    /// </summary>
    /// <exception cref="SensorReadException">
    /// The only exception thrown, for any failure: no answer, bad checksum, a value that is not a
    /// number or out of the device's range. The next call tries again.
    /// </exception>
    SensorReading Read();
}
