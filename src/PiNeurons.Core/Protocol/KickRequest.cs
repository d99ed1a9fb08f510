namespace PiNeurons.Core.Protocol;

/// <summary>A parsed kick: who kicked, and the cascade depth from the payload (the MQTT user property
/// may also carry it; the runtime takes the larger).</summary>
/// <param name="From">The source: an upstream neuron id, <c>external</c>, <c>button</c> or <c>sensor:&lt;name&gt;</c>.</param>
/// <param name="Hop">The JSON payload's <c>hop</c>, if present.</param>
public readonly record struct KickRequest(string From, int? Hop);
