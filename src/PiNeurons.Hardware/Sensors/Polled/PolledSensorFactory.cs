using System.Device.Gpio;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>Creates polled sensors from their specs, on real buses or simulated.</summary>
public static class PolledSensorFactory
{
    /// <summary>Creates a sensor on real hardware, timing pulses with the system clock.</summary>
    /// <param name="spec">The sensor; checked with <see cref="Validate"/> first.</param>
    /// <param name="gpio">The controller for GPIO sensors (DHT22, HC-SR04); owned by the caller.</param>
    /// <param name="buses">How I2C devices are opened and where 1-Wire devices are.</param>
    /// <exception cref="ArgumentException">The spec is impossible; the message names the field.</exception>
    /// <remarks>
    /// GPIO sensors claim their pins here (a pin already in use throws). I2C and 1-Wire devices are
    /// opened at the first read, so a missing device is a failed read, not a failed start. Sensors
    /// for the measures of one BME280 or one DHT22 share the device through <paramref name="buses"/>.
    /// </remarks>
    public static IPolledSensor Create(PolledSensorSpec spec, GpioController gpio, SensorBuses buses) =>
        Create(spec, gpio, buses, TimeProvider.System);

    /// <summary>As <see cref="Create(PolledSensorSpec, GpioController, SensorBuses)"/>, with the clock that times pulses.</summary>
    /// <param name="spec">The sensor; checked with <see cref="Validate"/> first.</param>
    /// <param name="gpio">The controller for GPIO sensors; owned by the caller.</param>
    /// <param name="buses">How I2C devices are opened and where 1-Wire devices are.</param>
    /// <param name="time">
    /// The clock whose timestamps measure pulse widths (DHT22 bits, HC-SR04 echo); a fake one makes
    /// waveforms on the simulated GPIO driver exact.
    /// </param>
    public static IPolledSensor Create(PolledSensorSpec spec, GpioController gpio, SensorBuses buses, TimeProvider time)
    {
        Validate(spec);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(time);
        return spec switch
        {
            Bme280SensorSpec bme => new Bme280Sensor(
                bme, buses.Bme280Chips.Acquire((bme.Bus, bme.Address), () => new Bme280Device(bme.Bus, bme.Address, buses.OpenI2c))),
            Dht22SensorSpec dht => new Dht22Sensor(
                dht, buses.Dht22Lines.Acquire((gpio, dht.Pin), () => new Dht22Line(gpio, dht.Pin, time))),
            Hcsr04SensorSpec sonar => new Hcsr04Sensor(sonar, gpio, time),
            Ds18b20SensorSpec thermometer => new Ds18b20Sensor(thermometer, buses.OneWireRoot),
            _ => throw new ArgumentException($"Unknown kind of polled sensor {spec.GetType().Name}.", nameof(spec)),
        };
    }

    /// <summary>
    /// Creates a sensor that needs no hardware: its value follows a slow, smooth curve over
    /// <paramref name="time"/> (a room warming from 20 °C to 28 °C and cooling back every four
    /// minutes, and so on). Deterministic for a given name and time.
    /// </summary>
    /// <param name="spec">The sensor; checked with <see cref="Validate"/> first. Only its name and measure matter.</param>
    /// <param name="time">The clock the curve follows; the curve starts when the sensor is created.</param>
    public static IPolledSensor CreateSimulated(PolledSensorSpec spec, TimeProvider time)
    {
        Validate(spec);
        ArgumentNullException.ThrowIfNull(time);
        return new SimulatedPolledSensor(spec.Name, spec.Measure, time);
    }

    /// <summary>
    /// Throws for a spec no wiring can satisfy: an empty name, a measure the device does not offer,
    /// an I2C address outside 0x03-0x77, a negative bus or pin, the same pin for trigger and echo,
    /// a malformed 1-Wire device id.
    /// </summary>
    /// <exception cref="ArgumentException">The message names the sensor and the field.</exception>
    public static void Validate(PolledSensorSpec spec) => PolledSensorSpecValidator.Validate(spec);
}
