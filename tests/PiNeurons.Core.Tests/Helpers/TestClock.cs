using Microsoft.Extensions.Time.Testing;

namespace PiNeurons.Core.Tests.Helpers;

/// <summary>A fake clock starting at the instant of docs/protocol.md's examples.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);

    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
