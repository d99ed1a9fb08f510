namespace PiNeurons.Core.Learning;

/// <summary>One value a learning rule changed: the weight of <paramref name="Input"/>, or the threshold when it is null.</summary>
/// <param name="Rule">The rule that changed it.</param>
/// <param name="Input">The source whose weight changed; null for the threshold.</param>
/// <param name="Old">The value before.</param>
/// <param name="New">The value after (clamped and rounded, <see cref="LearningConfig.Step"/>).</param>
/// <param name="Cause">Why, in words: the <c>reason</c> of the <c>learned</c> event.</param>
public sealed record WeightChange(LearningRule Rule, string? Input, double Old, double New, string Cause);
