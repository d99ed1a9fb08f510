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
    public IReadOnlySet<string> Load() => new HashSet<string>(Read()?.Topics ?? [], StringComparer.Ordinal);

    /// <summary>The components of each device config announced before, by topic; none when the file is absent or unreadable.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> LoadComponents() =>
        Read()?.Components ?? new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="topics"/> and the device configs' <paramref name="components"/> durably, sorted so the file diffs well.</summary>
    public void Save(IEnumerable<string> topics, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? components = null)
    {
        var sorted = components is null or { Count: 0 }
            ? null
            : new SortedDictionary<string, IReadOnlyDictionary<string, string>>(
                components.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(c.Value.ToDictionary(), StringComparer.Ordinal), StringComparer.Ordinal),
                StringComparer.Ordinal);
        DurableFile.Write(
            directory,
            Path,
            JsonSerializer.SerializeToUtf8Bytes(new AnnouncedConfigs([.. topics.Order(StringComparer.Ordinal)], sorted), NodeJsonContext.Default.AnnouncedConfigs));
    }

    private AnnouncedConfigs? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path), NodeJsonContext.Default.AnnouncedConfigs);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // Unreadable means a removed neuron's configs may stay in Home Assistant; deleting them there fixes it.
            Log.AnnouncedUnreadable(logger, Path, ex.Message);
            return null;
        }
    }
}
