using PiNeurons.Hardware.Buttons;

namespace PiNeurons.Hardware.Boards;

/// <summary>The push button that kicks a neuron by hand.</summary>
/// <param name="Pin">GPIO (BCM) number.</param>
/// <param name="Pull">Up: button to GND (the usual wiring); Down: button to 3.3 V.</param>
/// <param name="DebounceMs">Contact bounce ignored after each reported change, in milliseconds.</param>
public sealed record ButtonSpec(int Pin, ButtonPull Pull = ButtonPull.Up, int DebounceMs = 20);
