namespace PiNeurons.Hardware.Sensors;

/// <summary>Which debounced edge of a digital sensor line counts as a trigger.</summary>
public enum SensorEdge
{
    /// <summary>Low to High: a PIR such as the HC-SR501 raising its output on motion.</summary>
    Rising,

    /// <summary>High to Low: an open-collector sensor pulling the line down.</summary>
    Falling,

    /// <summary>Either edge.</summary>
    Both,
}
