using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PiNeurons.Node.Persistence;

/// <summary>
/// Keeps each neuron's <see cref="DurableCounters"/> in <c>&lt;id&gt;.counters.json</c>, written durably like
/// the config. Writing on every event would put an fsync on the hot path, so <c>seq</c> numbers are
/// reserved in blocks: the file always holds a <c>seq</c> no event has used yet. After a clean stop the
/// next run continues exactly; after a crash it starts at the reserved number, and the jump shows
/// consumers a gap where events may indeed have been lost.
/// </summary>
internal sealed class CounterStore(string directory, ILogger<CounterStore> logger)
{
    /// <summary>How many <c>seq</c> numbers one reservation covers.</summary>
    public const long Block = 10_000;

    private string PathOf(string id) => Path.Combine(directory, id + ".counters.json");

    /// <summary>The counters of <paramref name="id"/>, or fresh ones when absent or unreadable.</summary>
    public DurableCounters Load(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return DurableCounters.Fresh;
        }

        try
        {
            var counters = JsonSerializer.Deserialize(File.ReadAllBytes(path), NodeJsonContext.Default.DurableCounters);
            if (counters is { NextSeq: >= 1, FiredCount: >= 0 })
            {
                return counters;
            }

            Log.PersistedUnreadable(logger, id, path, "counters out of range");
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            Log.PersistedUnreadable(logger, id, path, ex.Message);
        }

        return DurableCounters.Fresh;
    }

    /// <summary>Writes <paramref name="counters"/> durably.</summary>
    public void Save(string id, DurableCounters counters) =>
        DurableFile.Write(directory, PathOf(id), JsonSerializer.SerializeToUtf8Bytes(counters, NodeJsonContext.Default.DurableCounters));
}
