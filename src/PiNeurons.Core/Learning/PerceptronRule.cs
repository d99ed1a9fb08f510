namespace PiNeurons.Core.Learning;

/// <summary>
/// The perceptron rule: after a decision with output o on inputs x, a target t moves each weight by
/// rate × (t − o) × x and the threshold by −rate × (t − o) (the threshold is a bias with the sign turned),
/// each clamped to ±maxWeight. A right decision (t = o) changes nothing.
/// </summary>
public static class PerceptronRule
{
    /// <summary>Adds to <paramref name="changes"/> what teaching <paramref name="target"/> after <paramref name="decision"/> changes
    /// in a neuron with <paramref name="threshold"/> and weights <paramref name="weightOf"/>.</summary>
    public static void Step(
        LearningConfig learning, double threshold, Func<string, double> weightOf, Decision decision, int target, List<WeightChange> changes)
    {
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(weightOf);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(changes);
        var error = target - decision.Output;
        if (error == 0)
        {
            return;
        }

        var cause = $"teach: target {target}, output {decision.Output}";
        foreach (var (source, value) in decision.Inputs)
        {
            var old = weightOf(source);
            Add(changes, source, old, learning.Step(old, learning.Rate * error * value), cause);
        }

        Add(changes, null, threshold, learning.Step(threshold, -learning.Rate * error), cause);
    }

    private static void Add(List<WeightChange> changes, string? input, double old, double value, string cause)
    {
        if (value != old)
        {
            changes.Add(new WeightChange(LearningRule.Perceptron, input, old, value, cause));
        }
    }
}
