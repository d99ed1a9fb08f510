namespace PiNeurons.Hardware.Leds;

/// <summary>What the status LED shows about the node's connection to the broker.</summary>
public enum ConnectionIndicator
{
    /// <summary>LED off: the node is stopped (or not started).</summary>
    Off,

    /// <summary>LED steadily on: connected.</summary>
    Connected,

    /// <summary>LED blinking: the connection was lost and the node is reconnecting.</summary>
    Reconnecting,
}
