namespace PiNeurons.Core.Learning;

/// <summary>How a neuron changes its own weights (docs/learning.md).</summary>
public enum LearningRule
{
    /// <summary>It does not: weights change only through <c>set</c>.</summary>
    None,

    /// <summary>Supervised: a <c>teach</c> moves the weights of the inputs of the last decision towards the target.</summary>
    Perceptron,

    /// <summary>Unsupervised: spike-timing-dependent plasticity; inputs that kick just before a firing are strengthened,
    /// inputs that kick just after one are weakened.</summary>
    Stdp,
}
