using PiNeurons.Core.Learning;

namespace PiNeurons.Core.Tests.Learning;

public class StdpRuleTests
{
    private static readonly LearningConfig Stdp = new()
    {
        Rule = LearningRule.Stdp, APlus = 0.05, AMinus = 0.04, TauPlusMs = 20, TauMinusMs = 10, MaxWeight = 1,
    };

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    public void Potentiation_WithinFiveTau_APlusTimesExpMinusDtOverTauPlus(double dtMs)
    {
        Assert.Equal(0.05 * Math.Exp(-dtMs / 20), StdpRule.Potentiation(Stdp, dtMs), 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    public void Depression_WithinFiveTau_MinusAMinusTimesExpMinusDtOverTauMinus(double dtMs)
    {
        Assert.Equal(-0.04 * Math.Exp(-dtMs / 10), StdpRule.Depression(Stdp, dtMs), 1e-12);
    }

    [Theory]
    [InlineData(100.001)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void Potentiation_BeyondFiveTauOrNegative_Zero(double dtMs)
    {
        Assert.Equal(0, StdpRule.Potentiation(Stdp, dtMs));
    }

    [Theory]
    [InlineData(50.001)]
    [InlineData(-1)]
    public void Depression_BeyondFiveTauOrNegative_Zero(double dtMs)
    {
        Assert.Equal(0, StdpRule.Depression(Stdp, dtMs));
    }

    [Theory]
    [InlineData(0.99, 0.05, 1.0)]
    [InlineData(-0.99, -0.04, -1.0)]
    [InlineData(0.2, 0.1, 0.3)]
    public void Add_Change_ClampedAndRounded(double old, double delta, double expected)
    {
        var changes = new List<WeightChange>();

        StdpRule.Add(Stdp, changes, "a", old, delta, 12.5, before: true);

        Assert.Equal(new WeightChange(LearningRule.Stdp, "a", old, expected, "stdp: a kicked 12.5 ms before the firing"), Assert.Single(changes));
    }

    [Fact]
    public void Add_After_CauseSaysAfter()
    {
        var changes = new List<WeightChange>();

        StdpRule.Add(Stdp, changes, "h1", 0.5, -0.01, 3, before: false);

        Assert.Equal("stdp: h1 kicked 3 ms after the firing", Assert.Single(changes).Cause);
    }

    [Theory]
    [InlineData(1.0, 0.05)]
    [InlineData(-1.0, -0.04)]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 1e-8)]
    public void Add_NoChangeAfterClampOrRounding_AddsNothing(double old, double delta)
    {
        var changes = new List<WeightChange>();

        StdpRule.Add(Stdp, changes, "a", old, delta, 0, before: true);

        Assert.Empty(changes);
    }
}
