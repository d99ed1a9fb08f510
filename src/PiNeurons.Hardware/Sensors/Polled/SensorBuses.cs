using System.Device.Gpio;
using System.Device.I2c;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Sensors.Polled.Bme280;
using PiNeurons.Hardware.Sensors.Polled.Dht22;
using PiNeurons.Hardware.Sensors.Polled.Simulated;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// The seam for the buses other than GPIO: how an I2C device is opened and where the kernel shows
/// 1-Wire devices. The defaults are the real ones on a Pi; tests hand in simulated devices.
/// </summary>
/// <remarks>
/// Create one per neuron host and pass it to every <see cref="PolledSensorFactory.Create(SensorEntry, GpioController, SensorBuses)"/>:
/// sensors created with the same instance that name the same BME280 (bus, address) or the same
/// DHT22 pin share one device, so its measures can be separate sensors. Thread-safe.
/// </remarks>
public sealed class SensorBuses
{
    /// <summary>Opens the I2C device at (bus, address). Called lazily, at a read, and again after a failure.</summary>
    public Func<int, int, I2cDevice> OpenI2c { get; init; } =
        static (bus, address) => I2cDevice.Create(new I2cConnectionSettings(bus, address));

    /// <summary>The folder holding one folder per 1-Wire device, each with a <c>w1_slave</c> file.</summary>
    public string OneWireRoot { get; init; } = "/sys/bus/w1/devices";

    /// <summary>
    /// Buses with no hardware behind them, for a host on simulated GPIO: every I2C device opened is a
    /// simulated BME280 chip whose temperature, pressure and humidity follow slow curves over
    /// <paramref name="time"/>, starting now. A BME280 on them is read through the same Iot.Device.Bindings
    /// driver and compensation as on a Pi. 1-Wire is not simulated here: pass these buses to
    /// <see cref="PolledSensorFactory.CreateSimulated"/>, which simulates the other sensors above their drivers.
    /// </summary>
    /// <param name="time">The clock the simulated air follows.</param>
    public static SensorBuses Simulated(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new SensorBuses { OpenI2c = new SimulatedI2cBus(time).Open, SimulatedTime = time };
    }

    /// <summary>The clock of buses from <see cref="Simulated"/>; null on real buses.</summary>
    internal TimeProvider? SimulatedTime { get; private init; }

    internal SharedDevices<(int Bus, int Address), Bme280Device> Bme280Chips { get; } = new();

    internal SharedDevices<(GpioController Gpio, int Pin), Dht22Line> Dht22Lines { get; } = new();
}
