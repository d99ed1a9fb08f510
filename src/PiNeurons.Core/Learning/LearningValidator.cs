using PiNeurons.Core.Configuration;

namespace PiNeurons.Core.Learning;

/// <summary>The allowed ranges of the learning parameters (docs/protocol.md section 7), checked with the rest of the config.</summary>
internal static class LearningValidator
{
    /// <summary>Largest rate, step or weight bound a rule accepts.</summary>
    public const double MaxStep = 1000;

    /// <summary>Adds every problem of <paramref name="learning"/> to <paramref name="errors"/>.</summary>
    public static void Validate(LearningConfig learning, List<string> errors)
    {
        switch (learning.Rule)
        {
            case LearningRule.Perceptron:
                Positive(errors, "rate", learning.Rate, MaxStep);
                if (learning.TeachWindowMs < 1 || learning.TeachWindowMs > ConfigValidator.MaxDurationMs)
                {
                    errors.Add($"learning.teachWindowMs: must be an integer from 1 to {ConfigValidator.MaxDurationMs}, got {learning.TeachWindowMs}");
                }

                break;
            case LearningRule.Stdp:
                NotNegative(errors, "aPlus", learning.APlus);
                NotNegative(errors, "aMinus", learning.AMinus);
                Positive(errors, "tauPlusMs", learning.TauPlusMs, ConfigValidator.MaxDurationMs);
                Positive(errors, "tauMinusMs", learning.TauMinusMs, ConfigValidator.MaxDurationMs);
                break;
        }

        if (learning.Rule != LearningRule.None)
        {
            Positive(errors, "maxWeight", learning.MaxWeight, ConfigValidator.MaxMagnitude);
        }
    }

    private static void Positive(List<string> errors, string field, double value, double max)
    {
        if (!(value > 0 && value <= max))
        {
            errors.Add($"learning.{field}: must be a number above 0 and at most {max:G}, got {value}");
        }
    }

    private static void NotNegative(List<string> errors, string field, double value)
    {
        if (!(value >= 0 && value <= MaxStep))
        {
            errors.Add($"learning.{field}: must be a number from 0 to {MaxStep:G}, got {value}");
        }
    }
}
