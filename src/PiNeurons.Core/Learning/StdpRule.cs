namespace PiNeurons.Core.Learning;

/// <summary>
/// Spike-timing-dependent plasticity, pair by pair on the neuron's own clock: an input that kicked dt ms before a
/// firing gains aPlus × exp(−dt / tauPlusMs); an input that kicks dt ms after the last firing loses
/// aMinus × exp(−dt / tauMinusMs). Pairs more than <see cref="Horizon"/> time constants apart are ignored: their
/// change would be under 1 % of the largest one, and a learned event per kick for nothing would flood the broker.
/// </summary>
public static class StdpRule
{
    /// <summary>How many time constants apart a pair may be and still count.</summary>
    public const double Horizon = 5;

    /// <summary>The change of a weight whose input kicked <paramref name="dtMs"/> before a firing (≥ 0), or 0 outside the horizon.</summary>
    public static double Potentiation(LearningConfig learning, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(learning);
        return dtMs < 0 || dtMs > Horizon * learning.TauPlusMs ? 0 : learning.APlus * Math.Exp(-dtMs / learning.TauPlusMs);
    }

    /// <summary>The change (≤ 0) of a weight whose input kicks <paramref name="dtMs"/> after a firing, or 0 outside the horizon.</summary>
    public static double Depression(LearningConfig learning, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(learning);
        return dtMs < 0 || dtMs > Horizon * learning.TauMinusMs ? 0 : -learning.AMinus * Math.Exp(-dtMs / learning.TauMinusMs);
    }

    /// <summary>Adds the change of <paramref name="input"/>'s weight <paramref name="old"/> by <paramref name="delta"/>, if it
    /// changes, for a kick <paramref name="dtMs"/> before (<paramref name="before"/>) or after the firing.</summary>
    public static void Add(LearningConfig learning, List<WeightChange> changes, string input, double old, double delta, double dtMs, bool before)
    {
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(changes);
        var value = learning.Step(old, delta);
        if (delta != 0 && value != old)
        {
            var cause = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"stdp: {input} kicked {dtMs:0.###} ms {(before ? "before" : "after")} the firing");
            changes.Add(new WeightChange(LearningRule.Stdp, input, old, value, cause));
        }
    }
}
