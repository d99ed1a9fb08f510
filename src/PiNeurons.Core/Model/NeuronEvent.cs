using PiNeurons.Core.Learning;

namespace PiNeurons.Core.Model;

/// <summary>
/// One thing that happened to a neuron, before it gets its per-neuron <c>seq</c> on the way out.
/// A struct: the model emits several per kick and must not allocate for them.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="From">The source involved (kick source, <c>fire</c>, <c>set</c>), if any.</param>
/// <param name="At">When it happened.</param>
/// <param name="Hop">The cascade depth of the kick or firing, if any.</param>
/// <param name="Reason">Why, for <c>error</c>, suppressed firings and threshold crossings.</param>
/// <param name="Click">The click type of a <c>button</c> event, once known: <c>single</c>, <c>double</c>, <c>long</c>.</param>
/// <param name="Change">What a <c>learned</c> event changed (a reference, so the struct stays small for the kicks).</param>
public readonly record struct NeuronEvent(
    NeuronEventType Type,
    string? From,
    DateTimeOffset At,
    int? Hop = null,
    string? Reason = null,
    string? Click = null,
    WeightChange? Change = null);
