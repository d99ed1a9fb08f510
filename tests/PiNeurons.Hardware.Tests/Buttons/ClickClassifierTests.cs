using PiNeurons.Hardware.Buttons;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class ClickClassifierTests
{
    private const int DoubleMs = 400;
    private const int LongMs = 1000;
    private readonly ClickClassifier _clicks = new(Ms(DoubleMs), Ms(LongMs));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NonPositiveWindow_Throws(int ms)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClickClassifier(Ms(ms), Ms(LongMs)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClickClassifier(Ms(DoubleMs), Ms(ms)));
    }

    [Fact]
    public void Deadline_Idle_IsNull()
    {
        Assert.Null(_clicks.Deadline);
        Assert.Equal(new ClickDecision(null, null), _clicks.DeadlinePassed(Ms(10_000)));
    }

    [Fact]
    public void Press_FromIdle_NoClickDeadlineAtLongPress()
    {
        var decision = _clicks.Press(Ms(100));

        Assert.Equal(new ClickDecision(null, Ms(100 + LongMs)), decision);
        Assert.Equal(Ms(100 + LongMs), _clicks.Deadline);
    }

    [Fact]
    public void Release_BeforeLongPress_NoClickDeadlineAtEndOfDoubleWindow()
    {
        _clicks.Press(Ms(0));

        var decision = _clicks.Release(Ms(LongMs - 1));

        Assert.Equal(new ClickDecision(null, Ms(LongMs - 1 + DoubleMs)), decision);
    }

    [Theory]
    [InlineData(DoubleMs - 1, null)]
    [InlineData(DoubleMs, ClickType.Single)]
    [InlineData(DoubleMs + 5000, ClickType.Single)]
    public void DeadlinePassed_AfterRelease_SingleOnlyOnceWindowHasPassed(int afterReleaseMs, ClickType? expected)
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(50));

        var decision = _clicks.DeadlinePassed(Ms(50 + afterReleaseMs));

        Assert.Equal(expected, decision.Click);
        Assert.Equal(expected is null ? Ms(50 + DoubleMs) : null, decision.Deadline);
    }

    [Fact]
    public void DeadlinePassed_SingleDecided_DecidesNothingMore()
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(50));
        _clicks.DeadlinePassed(Ms(50 + DoubleMs));

        Assert.Equal(new ClickDecision(null, null), _clicks.DeadlinePassed(Ms(50 + DoubleMs)));
        Assert.Null(_clicks.Deadline);
    }

    [Theory]
    [InlineData(LongMs - 1, null)]
    [InlineData(LongMs, ClickType.Long)]
    [InlineData(LongMs + 5000, ClickType.Long)]
    public void DeadlinePassed_WhileHeld_LongOnlyOnceHoldTimeHasPassed(int heldMs, ClickType? expected)
    {
        _clicks.Press(Ms(0));

        var decision = _clicks.DeadlinePassed(Ms(heldMs));

        Assert.Equal(expected, decision.Click);
    }

    [Fact]
    public void Release_AfterLongDecided_DecidesNothingAndNeedsNoDeadline()
    {
        _clicks.Press(Ms(0));
        _clicks.DeadlinePassed(Ms(LongMs));

        var decision = _clicks.Release(Ms(3 * LongMs));

        Assert.Equal(new ClickDecision(null, null), decision);
        Assert.Equal(new ClickDecision(null, null), _clicks.DeadlinePassed(Ms(10 * LongMs)));
    }

    [Theory]
    [InlineData(LongMs - 1, null)]
    [InlineData(LongMs, ClickType.Long)]
    public void Release_LongDeadlineMissed_LongDecidedAtRelease(int heldMs, ClickType? expected)
    {
        _clicks.Press(Ms(0));

        Assert.Equal(expected, _clicks.Release(Ms(heldMs)).Click);
    }

    [Theory]
    [InlineData(0, ClickType.Double)]
    [InlineData(DoubleMs - 1, ClickType.Double)]
    public void Press_SecondWithinWindow_DoubleAtOnce(int gapMs, ClickType expected)
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(80));

        var decision = _clicks.Press(Ms(80 + gapMs));

        Assert.Equal(new ClickDecision(expected, null), decision);
    }

    [Fact]
    public void Press_SecondAtEndOfWindowWithDeadlineMissed_SingleThenNewClick()
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(80));

        var decision = _clicks.Press(Ms(80 + DoubleMs));

        Assert.Equal(new ClickDecision(ClickType.Single, Ms(80 + DoubleMs + LongMs)), decision);
    }

    [Fact]
    public void Double_SecondPressHeldLong_NoLongAndReleaseDecidesNothing()
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(80));
        _clicks.Press(Ms(200));

        Assert.Null(_clicks.Deadline);
        Assert.Equal(new ClickDecision(null, null), _clicks.DeadlinePassed(Ms(200 + 5 * LongMs)));
        Assert.Equal(new ClickDecision(null, null), _clicks.Release(Ms(200 + 5 * LongMs)));
    }

    [Fact]
    public void ThirdPress_AfterDouble_StartsNewClick()
    {
        _clicks.Press(Ms(0));
        _clicks.Release(Ms(80));
        _clicks.Press(Ms(160));
        _clicks.Release(Ms(240));

        Assert.Equal(new ClickDecision(null, Ms(320 + LongMs)), _clicks.Press(Ms(320)));
        Assert.Equal(new ClickDecision(null, Ms(400 + DoubleMs)), _clicks.Release(Ms(400)));
        Assert.Equal(ClickType.Single, _clicks.DeadlinePassed(Ms(400 + DoubleMs)).Click);
    }

    [Fact]
    public void Release_WithoutPress_DecidesNothing()
    {
        Assert.Equal(new ClickDecision(null, null), _clicks.Release(Ms(10)));
        Assert.Equal(ClickType.Single, ClickAfterOneTap(_clicks, 20));
    }

    [Fact]
    public void Press_WhileHeld_KeepsFirstPress()
    {
        _clicks.Press(Ms(0));

        var decision = _clicks.Press(Ms(300));

        Assert.Equal(new ClickDecision(null, Ms(LongMs)), decision);
        Assert.Equal(ClickType.Long, _clicks.DeadlinePassed(Ms(LongMs)).Click);
    }

    [Fact]
    public void DeadlinePassed_EarlyWhileHeld_KeepsDeadline()
    {
        _clicks.Press(Ms(0));

        Assert.Equal(new ClickDecision(null, Ms(LongMs)), _clicks.DeadlinePassed(Ms(10)));
    }

    [Fact]
    public void Windows_LongPressShorterThanDoubleWindow_StillIndependent()
    {
        var clicks = new ClickClassifier(Ms(800), Ms(300));

        clicks.Press(Ms(0));
        clicks.Release(Ms(299));

        Assert.Null(clicks.DeadlinePassed(Ms(299 + 799)).Click);
        Assert.Equal(ClickType.Double, clicks.Press(Ms(299 + 799)).Click);
    }

    private static ClickType? ClickAfterOneTap(ClickClassifier clicks, int atMs)
    {
        clicks.Press(Ms(atMs));
        clicks.Release(Ms(atMs + 50));
        return clicks.DeadlinePassed(Ms(atMs + 50 + DoubleMs)).Click;
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
