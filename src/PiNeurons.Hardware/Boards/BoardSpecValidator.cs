namespace PiNeurons.Hardware.Boards;

/// <summary>
/// Checks a <see cref="BoardSpec"/> before any pin is opened, so a miswired configuration fails at
/// start-up with a message that names the field, not half-way through claiming pins.
/// </summary>
internal static class BoardSpecValidator
{
    // The helpers throw without a paramName: the message names the field inside the spec, which is
    // what a user fixing a config file needs.
    public static void Validate(BoardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var owners = new Dictionary<int, string>();

        if (spec.Led is { } led)
        {
            Claim(owners, led.Pin, "Led.Pin", "led");
        }

        if (spec.Button is { } button)
        {
            Claim(owners, button.Pin, "Button.Pin", "button");
            RequireDefined(button.Pull, "Button.Pull");
            RequireDebounce(button.DebounceMs, "Button.DebounceMs");
        }

        if (spec.Sensors is null)
        {
            throw new ArgumentException("Sensors must be a list (empty for none), not null.", nameof(spec));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Sensors.Count; i++)
        {
            var sensor = spec.Sensors[i] ?? throw new ArgumentException($"Sensors[{i}] is null.", nameof(spec));
            var field = $"Sensors[{i}]";
            if (string.IsNullOrWhiteSpace(sensor.Name))
            {
                throw new ArgumentException($"{field}.Name must not be empty.", nameof(spec));
            }

            if (!names.Add(sensor.Name))
            {
                throw new ArgumentException($"{field}.Name: sensor name '{sensor.Name}' is used twice; kick sources must be unique.", nameof(spec));
            }

            Claim(owners, sensor.Pin, $"{field}.Pin", BoardKickEventArgs.SensorSourcePrefix + sensor.Name);
            RequireDefined(sensor.Pull, $"{field}.Pull");
            RequireDefined(sensor.Edge, $"{field}.Edge");
            RequireDebounce(sensor.DebounceMs, $"{field}.DebounceMs");
        }
    }

    private static void Claim(Dictionary<int, string> owners, int pin, string field, string part)
    {
        if (pin < 0)
        {
            throw new ArgumentException($"{field} must not be negative (was {pin}).");
        }

        if (!owners.TryAdd(pin, part))
        {
            throw new ArgumentException($"pin {pin} is used by both {owners[pin]} and {part}.");
        }
    }

    private static void RequireDebounce(int milliseconds, string field)
    {
        if (milliseconds < 0)
        {
            throw new ArgumentException($"{field} must not be negative (was {milliseconds}).");
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentException($"{field} has no meaning for value {value}.");
        }
    }
}
