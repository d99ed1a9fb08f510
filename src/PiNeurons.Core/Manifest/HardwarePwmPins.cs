namespace PiNeurons.Core.Manifest;

/// <summary>
/// Which header pins can carry which hardware PWM channel, on the Pis PiNeurons runs on. The pin is
/// switched to its PWM function by a config.txt overlay; the channel is then driven through
/// <c>/sys/class/pwm/pwmchip&lt;chip&gt;/pwm&lt;channel&gt;</c>.
/// </summary>
/// <remarks>
/// <para>Pi 3, 3+, 4, 400, Zero 2 W (BCM2835/BCM2711 PWM block, <c>pwmchip0</c>): channel 0 on GPIO 12
/// (Alt0) or GPIO 18 (Alt5); channel 1 on GPIO 13 (Alt0) or GPIO 19 (Alt5). <c>dtoverlay=pwm-2chan</c>
/// puts them on 18 and 19 by default; <c>dtoverlay=pwm-2chan,pin=12,func=4,pin2=13,func2=4</c> on 12 and 13.
/// The analogue audio jack uses the same two channels.</para>
/// <para>Pi 5 (RP1 PWM0 block: <c>pwmchip2</c> on early Bookworm kernels, <c>pwmchip0</c> on later ones, so
/// check <c>ls /sys/class/pwm</c>): GPIO 12 and 13 are channels 0 and 1 (function a0), GPIO 18 and 19
/// are channels 2 and 3 (function a3). The same pwm-2chan lines work; <c>pinctrl get 18</c> shows
/// <c>PWM0_CHAN2</c> when the overlay took.</para>
/// <para>The board is not known when a manifest is read, so a pin accepts the channel either family
/// gives it (GPIO 18: 0 or 2; GPIO 19: 1 or 3). Any other pin has no hardware PWM on the header and
/// uses software PWM.</para>
/// </remarks>
internal static class HardwarePwmPins
{
    private static readonly Dictionary<int, int[]> ChannelsByPin = new()
    {
        [12] = [0],
        [13] = [1],
        [18] = [0, 2],
        [19] = [1, 3],
    };

    /// <summary>The pins that have a hardware PWM channel, ascending.</summary>
    public static IReadOnlyList<int> Pins { get; } = [.. ChannelsByPin.Keys.Order()];

    /// <summary>The channels <paramref name="pin"/> can carry; empty when it has none.</summary>
    public static IReadOnlyList<int> ChannelsFor(int pin) =>
        ChannelsByPin.TryGetValue(pin, out var channels) ? channels : [];
}
