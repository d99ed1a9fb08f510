using System.Globalization;
using System.Reflection;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// A Pi has no real-time clock and boots at its last saved time, or in 1970, until NTP sets it.
/// A clock that reads before the day this node was built is certainly wrong; while it does, events and
/// state say <c>"clock":"unsynchronized"</c>, so a consumer knows their <c>at</c> is not a time (the
/// aggregator then files them by their arrival). <c>seq</c> orders them regardless.
/// </summary>
internal sealed class ClockCheck(DateTimeOffset floor)
{
    /// <summary>The value of the <c>clock</c> field while the clock is wrong.</summary>
    public const string Unsynchronized = "unsynchronized";

    /// <summary>The day this assembly was built (UTC midnight); <see cref="DateTimeOffset.MinValue"/> when unknown.</summary>
    public static DateTimeOffset BuildDate { get; } = ReadBuildDate();

    /// <summary>The earliest time this check believes.</summary>
    public DateTimeOffset Floor => floor;

    /// <summary>True when <paramref name="now"/> is before <see cref="Floor"/>.</summary>
    public bool IsUnset(DateTimeOffset now) => now < floor;

    /// <summary><see cref="Unsynchronized"/> when <paramref name="now"/> is before the floor, else null (the field is left out).</summary>
    public string? Describe(DateTimeOffset now) => IsUnset(now) ? Unsynchronized : null;

    private static DateTimeOffset ReadBuildDate()
    {
        var text = typeof(ClockCheck).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildDate")?.Value;
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : DateTimeOffset.MinValue;
    }
}
