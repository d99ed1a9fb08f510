namespace PiNeurons.Core.Manifest;

/// <summary>The sensor kinds a manifest may name, and what each one reads.</summary>
public static class SensorTypes
{
    /// <summary>A GPIO input whose edge kicks.</summary>
    public const string Digital = "digital";

    /// <summary>An HC-SR501 PIR motion sensor: a digital input that goes high on motion.</summary>
    public const string Pir = "pir";

    /// <summary>A Bosch BME280 on I2C: temperature, humidity, pressure.</summary>
    public const string Bme280 = "bme280";

    /// <summary>A DHT22 (AM2302) on one GPIO line: temperature, humidity.</summary>
    public const string Dht22 = "dht22";

    /// <summary>An HC-SR04 ultrasonic distance sensor: trigger and echo lines.</summary>
    public const string Hcsr04 = "hcsr04";

    /// <summary>A DS18B20 thermometer on the kernel's 1-Wire bus.</summary>
    public const string Ds18b20 = "ds18b20";

    /// <summary>The GPIO line of a DS18B20's 1-Wire bus when the manifest names none: the w1-gpio overlay's default.</summary>
    public const int OneWireDefaultPin = 4;

    /// <summary>Every type, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Digital, Pir, Bme280, Dht22, Hcsr04, Ds18b20];

    /// <summary>True for types read at an interval; false for edge-driven inputs.</summary>
    public static bool IsPolled(string type) => type is Bme280 or Dht22 or Hcsr04 or Ds18b20;

    /// <summary>What <paramref name="type"/> can read; the first is the default.</summary>
    public static IReadOnlyList<string> MeasuresOf(string type) => type switch
    {
        Bme280 => ["temperature", "humidity", "pressure"],
        Dht22 => ["temperature", "humidity"],
        Hcsr04 => ["distance"],
        Ds18b20 => ["temperature"],
        _ => [],
    };

    /// <summary>The default and the shortest poll interval of <paramref name="type"/>, in ms: the DHT22
    /// answers at most every 2 s, a DS18B20 conversion takes 750 ms, an echo can take 60 ms to return.</summary>
    public static (int Default, int Minimum) IntervalOf(string type) => type switch
    {
        Dht22 => (5000, 2000),
        Ds18b20 => (5000, 1000),
        Hcsr04 => (500, 100),
        _ => (5000, 100),
    };
}
