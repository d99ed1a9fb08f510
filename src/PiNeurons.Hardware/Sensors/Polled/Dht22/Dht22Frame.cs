namespace PiNeurons.Hardware.Sensors.Polled.Dht22;

/// <summary>One decoded DHT22 frame.</summary>
/// <param name="Humidity">Relative humidity, %.</param>
/// <param name="Temperature">Temperature, °C.</param>
internal readonly record struct Dht22Frame(double Humidity, double Temperature);
