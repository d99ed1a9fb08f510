namespace PiNeurons.Node.HomeAssistant;

/// <summary>A sensor of a neuron as Home Assistant sees it: a <c>sensor</c> entity reading
/// <c>&lt;root&gt;/&lt;id&gt;/sensors/&lt;name&gt;</c>.</summary>
/// <param name="Name">The sensor's name (an id: the last topic level).</param>
/// <param name="Unit">Its unit of measurement, as published in the payload's <c>unit</c> (empty for none).</param>
/// <param name="DeviceClass">Home Assistant's sensor device class, or null when none fits (see <see cref="DeviceClassOf"/>).</param>
/// <param name="ReadEvery">How often a polled sensor publishes a reading; null for an edge sensor, which publishes only
/// when its input changes.</param>
public sealed record DiscoverySensor(string Name, string Unit, string? DeviceClass, TimeSpan? ReadEvery = null)
{
    /// <summary>
    /// Home Assistant's device class for a kind of sensor, or null when it has none: a motion sensor read
    /// as a number is no <c>motion</c> class (that class belongs to binary sensors).
    /// </summary>
    public static string? DeviceClassOf(string? kind) => kind?.ToUpperInvariant() switch
    {
        "TEMPERATURE" => "temperature",
        "HUMIDITY" => "humidity",
        "PRESSURE" => "pressure",
        "DISTANCE" => "distance",
        _ => null,
    };
}
