using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Sensors.Polled.Bme280;
using PiNeurons.Hardware.Sensors.Polled.Dht22;
using PiNeurons.Hardware.Sensors.Polled.Ds18b20;
using PiNeurons.Hardware.Sensors.Polled.Hcsr04;
using PiNeurons.Hardware.Sensors.Polled.Simulated;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>Creates polled sensors from their manifest entries, on real buses or simulated.</summary>
/// <remarks>The entries are taken as the manifest reader checked them (a measure the device offers, a BME280
/// address, a 1-Wire id that stays inside the 1-Wire folder, trigger and echo on different lines).</remarks>
public static class PolledSensorFactory
{
    /// <summary>Creates a sensor on real hardware, timing pulses with the system clock.</summary>
    /// <param name="sensor">The polled sensor's entry (<see cref="SensorEntry.IsPolled"/>).</param>
    /// <param name="gpio">The controller for GPIO sensors (DHT22, HC-SR04); owned by the caller.</param>
    /// <param name="buses">How I2C devices are opened and where 1-Wire devices are.</param>
    /// <exception cref="ArgumentException">The entry is not a polled sensor's.</exception>
    /// <remarks>
    /// GPIO sensors claim their pins here (a pin already in use throws). I2C and 1-Wire devices are
    /// opened at the first read, so a missing device is a failed read, not a failed start. Sensors
    /// for the measures of one BME280 or one DHT22 share the device through <paramref name="buses"/>.
    /// </remarks>
    public static IPolledSensor Create(SensorEntry sensor, GpioController gpio, SensorBuses buses) =>
        Create(sensor, gpio, buses, TimeProvider.System);

    /// <summary>As <see cref="Create(SensorEntry, GpioController, SensorBuses)"/>, with the clock that times pulses.</summary>
    /// <param name="sensor">The polled sensor's entry (<see cref="SensorEntry.IsPolled"/>).</param>
    /// <param name="gpio">The controller for GPIO sensors; owned by the caller.</param>
    /// <param name="buses">How I2C devices are opened and where 1-Wire devices are.</param>
    /// <param name="time">
    /// The clock whose timestamps measure pulse widths (DHT22 bits, HC-SR04 echo); a fake one makes
    /// waveforms on the simulated GPIO driver exact.
    /// </param>
    public static IPolledSensor Create(SensorEntry sensor, GpioController gpio, SensorBuses buses, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(time);
        RequirePolled(sensor);
        return sensor.Type switch
        {
            SensorTypes.Bme280 => CreateBme280(sensor, buses),
            SensorTypes.Dht22 => new Dht22Sensor(
                sensor.Name,
                SensorMeasures.Of(sensor),
                buses.Dht22Lines.Acquire((gpio, sensor.Pin), () => new Dht22Line(gpio, sensor.Pin, time))),
            SensorTypes.Hcsr04 => new Hcsr04Sensor(sensor.Name, sensor.TriggerPin, sensor.EchoPin, gpio, time),
            _ => new Ds18b20Sensor(
                sensor.Name,
                sensor.Device ?? throw new ArgumentException($"sensor {sensor.Name}: a ds18b20 needs its 1-Wire device id", nameof(sensor)),
                buses.OneWireRoot),
        };
    }

    /// <summary>
    /// Creates a sensor for a host without hardware, on buses from <see cref="SensorBuses.Simulated"/>. A
    /// BME280 is a simulated chip on those buses' I2C, read through the same driver, binding and
    /// compensation as a real one (and shared by its measures, as <see cref="Create(SensorEntry, GpioController, SensorBuses)"/>
    /// shares a real chip). The other types follow a slow, smooth curve instead of a device (a room warming
    /// from 20 °C to 28 °C and cooling back every four minutes, and so on), deterministic for a given name
    /// and time, starting when the sensor is created.
    /// </summary>
    /// <param name="sensor">The polled sensor's entry.</param>
    /// <param name="buses">The host's simulated buses, shared by its sensors; the simulated values follow their clock.</param>
    /// <exception cref="ArgumentException">The entry is not a polled sensor's, or <paramref name="buses"/> are real ones.</exception>
    /// <remarks>
    /// Only the BME280 is simulated below its driver, because that driver is Iot.Device.Bindings': the binding
    /// and the UnitsNet quantities it returns are code the node ships but did not write, whose unit
    /// conversions use reflection a trimmed or NativeAOT build must keep working, so a simulated node runs
    /// them rather than stepping around them. The DHT22, HC-SR04 and DS18B20 drivers are this project's own,
    /// tested on simulated waveforms and files.
    /// </remarks>
    public static IPolledSensor CreateSimulated(SensorEntry sensor, SensorBuses buses)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(buses);
        RequirePolled(sensor);
        var time = buses.SimulatedTime
            ?? throw new ArgumentException($"sensor {sensor.Name}: a simulated sensor needs the buses of SensorBuses.Simulated, not real ones", nameof(buses));
        return sensor.Type == SensorTypes.Bme280
            ? CreateBme280(sensor, buses)
            : new SimulatedPolledSensor(sensor.Name, SensorMeasures.Of(sensor), time);
    }

    private static Bme280Sensor CreateBme280(SensorEntry sensor, SensorBuses buses) => new(
        sensor.Name,
        SensorMeasures.Of(sensor),
        buses.Bme280Chips.Acquire((sensor.Bus, sensor.Address), () => new Bme280Device(sensor.Bus, sensor.Address, buses.OpenI2c)));

    private static void RequirePolled(SensorEntry sensor)
    {
        if (!sensor.IsPolled)
        {
            throw new ArgumentException($"sensor {sensor.Name}: '{sensor.Type}' is not a polled sensor", nameof(sensor));
        }
    }
}
