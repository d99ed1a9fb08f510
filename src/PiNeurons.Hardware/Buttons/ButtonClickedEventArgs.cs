namespace PiNeurons.Hardware.Buttons;

/// <summary>The button's click type has been decided.</summary>
public sealed class ButtonClickedEventArgs : EventArgs
{
    /// <summary>Creates the arguments for a decided <paramref name="clickType"/>.</summary>
    public ButtonClickedEventArgs(ClickType clickType) => ClickType = clickType;

    /// <summary>Single, double or long.</summary>
    public ClickType ClickType { get; }
}
