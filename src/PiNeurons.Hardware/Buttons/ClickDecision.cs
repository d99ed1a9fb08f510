namespace PiNeurons.Hardware.Buttons;

/// <summary>What a <see cref="ClickClassifier"/> decided on one input, and when it next needs to be asked.</summary>
/// <param name="Click">The click decided by this input, or null when none was.</param>
/// <param name="Deadline">
/// The time at which <see cref="ClickClassifier.DeadlinePassed"/> should be called, on the caller's own
/// clock, or null when nothing is pending until the next press or release.
/// </param>
public readonly record struct ClickDecision(ClickType? Click, TimeSpan? Deadline);
