namespace PiNeurons.Core.Learning;

/// <summary>
/// What a perceptron neuron decided last, kept for the <c>teach</c> that may follow: when, whether it fired, and
/// the inputs it decided on (taken before a firing resets them). A firing the rule cannot learn from (forced by
/// <c>fire</c>, or suppressed) is kept with the reason, so a teach says why it changes nothing.
/// </summary>
/// <param name="At">When the neuron decided.</param>
/// <param name="Output">1 when it fired, else 0.</param>
/// <param name="Inputs">The live inputs at the decision: source and value.</param>
/// <param name="Unteachable">Why a teach cannot use this decision; null when it can.</param>
public sealed record Decision(DateTimeOffset At, int Output, KeyValuePair<string, double>[] Inputs, string? Unteachable = null)
{
    /// <summary>True once a teach used it: teaching one decision twice would move the weights twice.</summary>
    public bool Taught { get; set; }
}
