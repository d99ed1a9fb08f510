using System.Globalization;
using System.Text;
using System.Text.Json;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// One line per event or status change of the live timeline, aligned so a column reads down:
/// <c>18:00:00.123  h2   #42  fired       from x  hop 1</c> and <c>18:00:00.120  z    status      offline</c>.
/// Pure: times are converted with the zone it is given.
/// </summary>
internal sealed class WatchLineFormatter(TimeZoneInfo zone)
{
    private const int IdWidth = 4;
    private const int TypeWidth = 12;

    /// <summary>The line of an event; the time is the neuron's own <c>at</c>.</summary>
    public string FormatEvent(EventMessage e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var line = Start(e.At, e.Id);
        line.Append('#').Append(e.Seq.ToString(CultureInfo.InvariantCulture)).Append("  ");
        line.Append(e.Type.PadRight(TypeWidth));
        var parts = new List<string>(3);
        if (e.From is not null)
        {
            parts.Add("from " + e.From);
        }

        if (e.Hop is { } hop)
        {
            parts.Add("hop " + hop.ToString(CultureInfo.InvariantCulture));
        }

        if (e.Click is not null)
        {
            parts.Add(e.Click + " click");
        }

        if (e.Old is { } old && e.New is { } learned)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{e.Rule} {e.Field} {old} -> {learned}"));
        }

        if (e.Reason is not null)
        {
            parts.Add(e.Reason);
        }

        if (e.Clock is not null)
        {
            parts.Add("(clock " + e.Clock + ")");
        }

        return line.AppendJoin("  ", parts).ToString().TrimEnd();
    }

    /// <summary>The line of a status change; the payload carries no time, so it is when we received it.</summary>
    public string FormatStatus(string id, string status, DateTimeOffset receivedAt) =>
        Start(receivedAt, id).Append("status".PadRight(TypeWidth)).Append(status).ToString().TrimEnd();

    /// <summary>The time column alone, in the formatter's zone.</summary>
    public string FormatTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Parses an event payload; null when it is not an event (the caller shows it raw).</summary>
    public static EventMessage? TryParseEvent(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.EventMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>--json</c> form of a status change, so every line of the stream is JSON.</summary>
    public static string StatusJson(string id, string status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "status");
            writer.WriteString("status", status);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private StringBuilder Start(DateTimeOffset at, string id) =>
        new StringBuilder(80).Append(FormatTime(at)).Append("  ").Append(id.PadRight(IdWidth)).Append(' ');
}
