namespace PiNeurons.Hardware.Buttons;

/// <summary>Which internal resistor holds an input at rest, and so which level means "active".</summary>
public enum ButtonPull
{
    /// <summary>Pull-up (<c>InputPullUp</c>): the contact goes to GND, so pressed reads Low.</summary>
    Up,

    /// <summary>Pull-down (<c>InputPullDown</c>): the contact goes to 3.3 V, so pressed reads High.</summary>
    Down,

    /// <summary>No internal resistor (plain <c>Input</c>): the circuit or sensor drives the line itself.</summary>
    None,
}
