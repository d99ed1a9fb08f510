namespace PiNeurons.Core.Protocol;

/// <summary>A sensor's reading on <c>&lt;root&gt;/&lt;id&gt;/sensors/&lt;name&gt;</c> (retained), and in the state.</summary>
/// <param name="Value">The reading, in <paramref name="Unit"/>; 1 or 0 for a motion or digital sensor.</param>
/// <param name="Unit"><c>°C</c>, <c>%</c>, <c>hPa</c>, <c>cm</c>, or empty for a digital sensor.</param>
/// <param name="At">When it was read (UTC, milliseconds).</param>
public sealed record SensorMessage(double Value, string Unit, DateTimeOffset At);
