using PiNeurons.Hardware.Leds;

namespace PiNeurons.Hardware.Boards;

/// <summary>
/// Checks a <see cref="BoardSpec"/> before any pin is opened, so a miswired configuration fails at
/// start-up with a message that names the field, not half-way through claiming pins.
/// </summary>
/// <remarks>
/// The double-click window and the long-press time are not checked against each other: one runs from a
/// release, the other from a press, so any pair of values in range is coherent. Below 50 ms a double
/// click is faster than fingers; above 2 s single clicks feel ignored. A long press under 200 ms would
/// turn ordinary taps into long presses; over 10 s nobody holds on.
/// </remarks>
internal static class BoardSpecValidator
{
    public const int MinDoubleClickMs = 50;
    public const int MaxDoubleClickMs = 2000;
    public const int MinLongPressMs = 200;
    public const int MaxLongPressMs = 10_000;

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

        if (spec.PotentialLed is { } potential)
        {
            Claim(owners, potential.Pin, "PotentialLed.Pin", "potential led");
            ValidatePotentialLed(potential);
        }

        if (spec.StatusLed is { } status)
        {
            Claim(owners, status.Pin, "StatusLed.Pin", "status led");
        }

        if (spec.Button is { } button)
        {
            Claim(owners, button.Pin, "Button.Pin", "button");
            RequireDefined(button.Pull, "Button.Pull");
            RequireDebounce(button.DebounceMs, "Button.DebounceMs");
            RequireRange(button.DoubleClickMs, MinDoubleClickMs, MaxDoubleClickMs, "Button.DoubleClickMs", "ms");
            RequireRange(button.LongPressMs, MinLongPressMs, MaxLongPressMs, "Button.LongPressMs", "ms");
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

    private static void ValidatePotentialLed(PotentialLedSpec led)
    {
        RequireRange(led.FrequencyHz, PotentialLed.MinimumFrequencyHz, PotentialLed.MaximumFrequencyHz, "PotentialLed.FrequencyHz", "Hz");
        if (led.PwmChip.HasValue != led.PwmChannel.HasValue)
        {
            throw new ArgumentException(
                "PotentialLed.PwmChip and PotentialLed.PwmChannel go together: set both for hardware PWM, or neither for software PWM.");
        }
    }

    private static void RequireRange(int value, int min, int max, string field, string unit)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{field} must be {min} to {max} {unit} (was {value}).");
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
