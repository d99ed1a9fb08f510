namespace PiNeurons.Hardware.Boards;

/// <summary>
/// The optional LED whose brightness shows a neuron's potential. Hardware PWM when
/// <see cref="PwmChip"/> and <see cref="PwmChannel"/> are both set (the pin must carry that channel and
/// the overlay must be enabled; see docs/outputs-wiring.md), software PWM on the GPIO pin otherwise.
/// </summary>
/// <param name="Pin">GPIO (BCM) number; the LED goes through a ~330 ohm resistor.</param>
/// <param name="ActiveLow">True when the LED is wired from 3.3 V to the pin, so Low lights it (software PWM only).</param>
/// <param name="FrequencyHz">The PWM frequency, 1 to 100000 Hz; 500 Hz is well past visible flicker.</param>
/// <param name="PwmChip">The hardware PWM chip, <c>/sys/class/pwm/pwmchip&lt;n&gt;</c>, or null for software PWM.</param>
/// <param name="PwmChannel">The hardware PWM channel on that chip, or null for software PWM.</param>
public sealed record PotentialLedSpec(
    int Pin,
    bool ActiveLow = false,
    int FrequencyHz = 500,
    int? PwmChip = null,
    int? PwmChannel = null);
