using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Buttons;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class DebouncerTests : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new();
    private readonly List<bool> _reported = [];
    private readonly Debouncer _debouncer;
    private bool _raw;

    public DebouncerTests() =>
        _debouncer = new Debouncer(Debounce, _time, initiallyActive: false, _reported.Add, () => _raw);

    public void Dispose() => _debouncer.Dispose();

    [Fact]
    public void OnRawChanged_CleanPressAndRelease_ReportsEachOnceAtOnce()
    {
        Raw(true);
        Assert.Equal([true], _reported);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Raw(false);

        Assert.Equal([true, false], _reported);
        Assert.False(_debouncer.IsActive);
    }

    [Fact]
    public void OnRawChanged_BouncyPressHeld_OnePressAndStaysPressed()
    {
        Raw(true);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Raw(false);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        Raw(true);

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([true], _reported);
        Assert.True(_debouncer.IsActive);

        Raw(false);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([true, false], _reported);
    }

    [Fact]
    public void OnRawChanged_BouncyRelease_OneRelease()
    {
        Raw(true);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Raw(false);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Raw(true);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        Raw(false);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([true, false], _reported);
        Assert.False(_debouncer.IsActive);
    }

    [Fact]
    public void OnRawChanged_TapShorterThanDebounce_ReleaseReportedWhenLockoutEnds()
    {
        Raw(true);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Raw(false);
        Assert.Equal([true], _reported);

        _time.Advance(Debounce);

        Assert.Equal([true, false], _reported);
    }

    [Fact]
    public void OnRawChanged_SameLevelAsStable_NotReported()
    {
        Raw(false);

        Assert.Empty(_reported);
    }

    [Fact]
    public void OnRawChanged_NoReader_UsesLastRawLevelAfterLockout()
    {
        var reported = new List<bool>();
        using var debouncer = new Debouncer(Debounce, _time, initiallyActive: true, reported.Add);

        debouncer.OnRawChanged(false);
        debouncer.OnRawChanged(true);
        debouncer.OnRawChanged(false);
        _time.Advance(Debounce);

        Assert.Equal([false], reported);
        Assert.False(debouncer.IsActive);
    }

    [Fact]
    public void OnRawChanged_ZeroDebounce_ReportsEveryChange()
    {
        var reported = new List<bool>();
        using var debouncer = new Debouncer(TimeSpan.Zero, _time, initiallyActive: false, reported.Add);

        debouncer.OnRawChanged(true);
        debouncer.OnRawChanged(false);
        debouncer.OnRawChanged(true);

        Assert.Equal([true, false, true], reported);
    }

    [Fact]
    public void OnRawChanged_AfterDispose_Ignored()
    {
        _debouncer.Dispose();

        Raw(true);

        Assert.Empty(_reported);
    }

    private void Raw(bool active)
    {
        _raw = active;
        _debouncer.OnRawChanged(active);
    }
}
