using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PiNeurons.Node.Persistence;

/// <summary>
/// Keeps <see cref="AnnouncedConfigs"/> in <c>.home-assistant.json</c> under the state directory, written
/// durably. The leading dot keeps it apart from the per-neuron files: a neuron id cannot be empty.
/// </summary>
internal sealed class AnnouncedStore(string directory, ILogger<AnnouncedStore> logger)
{
    /// <summary>The file.</summary>
    public string Path { get; } = System.IO.Path.Combine(directory, ".home-assistant.json");

    /// <summary>The topics announced before, or none when the file is absent or unreadable.</summary>
    public IReadOnlySet<string> Load()
    {
        if (!File.Exists(Path))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        try
        {
            var saved = JsonSerializer.Deserialize(File.ReadAllBytes(Path), NodeJsonContext.Default.AnnouncedConfigs);
            return new HashSet<string>(saved?.Topics ?? [], StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // Unreadable means a removed neuron's configs may stay in Home Assistant; deleting them there fixes it.
            Log.AnnouncedUnreadable(logger, Path, ex.Message);
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Writes <paramref name="topics"/> durably, sorted so the file diffs well.</summary>
    public void Save(IEnumerable<string> topics) =>
        DurableFile.Write(
            directory,
            Path,
            JsonSerializer.SerializeToUtf8Bytes(new AnnouncedConfigs([.. topics.Order(StringComparer.Ordinal)]), NodeJsonContext.Default.AnnouncedConfigs));
}
