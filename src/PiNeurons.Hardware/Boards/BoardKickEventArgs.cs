namespace PiNeurons.Hardware.Boards;

/// <summary>A physical part of the board kicked the neuron.</summary>
public sealed class BoardKickEventArgs : EventArgs
{
    /// <summary>The button's source name.</summary>
    public const string ButtonSource = "button";

    /// <summary>The prefix of a sensor's source name: <c>sensor:&lt;name&gt;</c>.</summary>
    public const string SensorSourcePrefix = "sensor:";

    /// <summary>Creates the arguments for a kick from <paramref name="source"/>.</summary>
    public BoardKickEventArgs(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
    }

    /// <summary><c>button</c> for the button's press, <c>sensor:&lt;name&gt;</c> for a sensor trigger.</summary>
    public string Source { get; }
}
