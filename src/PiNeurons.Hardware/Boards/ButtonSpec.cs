using PiNeurons.Core.Manifest;

namespace PiNeurons.Hardware.Boards;

/// <summary>The push button that kicks a neuron by hand, and whose clicks are reported by type.</summary>
/// <param name="Pin">GPIO (BCM) number.</param>
/// <param name="Pull">Up: button to GND (the usual wiring); Down: button to 3.3 V.</param>
/// <param name="DebounceMs">Contact bounce ignored after each reported change, in milliseconds.</param>
/// <param name="DoubleClickMs">A second press this soon after a release makes a double click (50 to 2000 ms).</param>
/// <param name="LongPressMs">A press held this long is a long press (200 to 10000 ms).</param>
public sealed record ButtonSpec(
    int Pin,
    PullMode Pull = PullMode.Up,
    int DebounceMs = 20,
    int DoubleClickMs = 400,
    int LongPressMs = 1000);
