using System.Text.RegularExpressions;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// Rejects a <see cref="PolledSensorSpec"/> that no wiring can satisfy, before anything is opened, with
/// a message naming the field; a misconfigured neuron then fails at start-up, not at its first poll.
/// </summary>
internal static partial class PolledSensorSpecValidator
{
    // The lowest and highest 7-bit addresses not reserved by the I2C specification.
    private const int FirstI2cAddress = 0x03;
    private const int LastI2cAddress = 0x77;

    public static void Validate(PolledSensorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            throw new ArgumentException("Name must not be empty.", nameof(spec));
        }

        var field = $"sensor '{spec.Name}'";
        switch (spec)
        {
            case Bme280SensorSpec bme:
                RequireMeasure(field, "BME280", bme.Measure, SensorMeasure.Temperature, SensorMeasure.Humidity, SensorMeasure.Pressure);
                if (bme.Bus < 0)
                {
                    throw new ArgumentException($"{field}: Bus must not be negative (was {bme.Bus}).", nameof(spec));
                }

                if (bme.Address is < FirstI2cAddress or > LastI2cAddress)
                {
                    throw new ArgumentException(
                        $"{field}: Address 0x{bme.Address:X2} is outside the 7-bit range 0x03-0x77 (a BME280 answers at 0x76 or 0x77).",
                        nameof(spec));
                }

                break;
            case Dht22SensorSpec dht:
                RequireMeasure(field, "DHT22", dht.Measure, SensorMeasure.Temperature, SensorMeasure.Humidity);
                RequirePin(field, "Pin", dht.Pin);
                break;
            case Hcsr04SensorSpec sonar:
                RequireMeasure(field, "HC-SR04", sonar.Measure, SensorMeasure.Distance);
                RequirePin(field, "TriggerPin", sonar.TriggerPin);
                RequirePin(field, "EchoPin", sonar.EchoPin);
                if (sonar.TriggerPin == sonar.EchoPin)
                {
                    throw new ArgumentException($"{field}: TriggerPin and EchoPin must be different lines (both {sonar.EchoPin}).", nameof(spec));
                }

                break;
            case Ds18b20SensorSpec thermometer:
                RequireMeasure(field, "DS18B20", thermometer.Measure, SensorMeasure.Temperature);
                if (thermometer.DeviceId is null || !DeviceIdPattern().IsMatch(thermometer.DeviceId))
                {
                    throw new ArgumentException(
                        $"{field}: DeviceId '{thermometer.DeviceId}' is not a 1-Wire thermometer id such as 28-00000a1b2c3d (family 10, 22, 28, 3b or 42, a dash, 12 hex digits; see ls /sys/bus/w1/devices).",
                        nameof(spec));
                }

                break;
            default:
                throw new ArgumentException($"{field}: unknown kind of polled sensor {spec.GetType().Name}.", nameof(spec));
        }
    }

    private static void RequireMeasure(string field, string device, SensorMeasure measure, params SensorMeasure[] offered)
    {
        if (!offered.Contains(measure))
        {
            throw new ArgumentException(
                $"{field}: Measure {measure} is not offered by a {device} (it offers {string.Join(", ", offered)}).");
        }
    }

    private static void RequirePin(string field, string name, int pin)
    {
        if (pin < 0)
        {
            throw new ArgumentException($"{field}: {name} must not be negative (was {pin}).");
        }
    }

    // The w1_therm families (DS18S20, DS1822, DS18B20, DS1825, MAX31850) all share the w1_slave format.
    // Anchored and hex-only, so an id can never walk out of the 1-Wire folder.
    [GeneratedRegex("^(10|22|28|3b|42)-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceIdPattern();
}
