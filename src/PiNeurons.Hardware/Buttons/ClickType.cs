using System.Diagnostics.CodeAnalysis;

namespace PiNeurons.Hardware.Buttons;

/// <summary>What kind of click a press (or two) of the button turned out to be.</summary>
[SuppressMessage(
    "Naming",
    "CA1720:Identifier contains type name",
    Justification = "Single, Double and Long are the click names docs/protocol.md gives, published lower-cased in button events.")]
public enum ClickType
{
    /// <summary>One press and release, and no second press within the double-click window.</summary>
    Single,

    /// <summary>A second press that started within the double-click window after the first release.</summary>
    Double,

    /// <summary>A press held for at least the long-press time; decided while it is still held.</summary>
    Long,
}
