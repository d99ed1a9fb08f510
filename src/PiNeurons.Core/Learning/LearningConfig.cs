using System.Text.Json.Serialization;

namespace PiNeurons.Core.Learning;

/// <summary>
/// The <c>learning</c> object of a neuron's config: its rule and the rule's parameters. Every parameter has a value
/// whatever the rule, but the ones the rule does not use are always their defaults (a change of rule starts from
/// the defaults), so writing only the rule's own parameters (<see cref="LearningConfigJsonConverter"/>) loses nothing.
/// </summary>
[JsonConverter(typeof(LearningConfigJsonConverter))]
public sealed record LearningConfig
{
    /// <summary>No learning: the default of every neuron.</summary>
    public static LearningConfig None { get; } = new();

    /// <summary>The rule in force.</summary>
    public LearningRule Rule { get; init; } = LearningRule.None;

    /// <summary>Perceptron: how far one teach moves a weight per unit of input (and the threshold).</summary>
    public double Rate { get; init; } = 0.1;

    /// <summary>Perceptron: how long after a decision a <c>teach</c> still applies to it.</summary>
    public int TeachWindowMs { get; init; } = 5000;

    /// <summary>STDP: the largest strengthening, for an input that kicked at the instant of the firing.</summary>
    public double APlus { get; init; } = 0.05;

    /// <summary>STDP: the largest weakening, for an input that kicks at the instant after a firing.</summary>
    public double AMinus { get; init; } = 0.05;

    /// <summary>STDP: the time constant of strengthening, in ms.</summary>
    public double TauPlusMs { get; init; } = 20;

    /// <summary>STDP: the time constant of weakening, in ms.</summary>
    public double TauMinusMs { get; init; } = 20;

    /// <summary>Both rules: learned weights (and a taught threshold) stay within ±this.</summary>
    public double MaxWeight { get; init; } = 10;

    /// <summary>The rule's wire name.</summary>
    public static string WireName(LearningRule rule) => rule switch
    {
        LearningRule.Perceptron => "perceptron",
        LearningRule.Stdp => "stdp",
        _ => "none",
    };

    /// <summary>The rule named <paramref name="name"/>, if it is one.</summary>
    public static bool TryParseRule(string? name, out LearningRule rule)
    {
        rule = name switch
        {
            "none" => LearningRule.None,
            "perceptron" => LearningRule.Perceptron,
            "stdp" => LearningRule.Stdp,
            _ => (LearningRule)(-1),
        };
        return Enum.IsDefined(rule);
    }

    /// <summary>
    /// <paramref name="old"/> moved by <paramref name="step"/>, kept within ±<see cref="MaxWeight"/> and rounded to 6 decimals
    /// (so steps of 0.1 read as 0.3, not 0.30000000000000004, in the state). A value a <c>set</c> put beyond the bound is not
    /// pulled back by learning, which would move it against the rule: it only cannot go further out.
    /// </summary>
    public double Step(double old, double step)
    {
        var (low, high) = (Math.Min(-MaxWeight, old), Math.Max(MaxWeight, old));
        return Math.Round(Math.Clamp(old + step, low, high), 6);
    }
}
