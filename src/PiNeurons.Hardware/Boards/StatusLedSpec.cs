namespace PiNeurons.Hardware.Boards;

/// <summary>The optional LED that shows the node's connection: steady, blinking or off.</summary>
/// <param name="Pin">GPIO (BCM) number; the LED goes through a ~330 ohm resistor.</param>
/// <param name="ActiveLow">True when the LED is wired from 3.3 V to the pin, so Low lights it.</param>
public sealed record StatusLedSpec(int Pin, bool ActiveLow = false);
