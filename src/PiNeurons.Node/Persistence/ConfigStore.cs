using System.Text.Json;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;

namespace PiNeurons.Node.Persistence;

/// <summary>
/// Durable per-neuron config: one JSON file per neuron under the state directory, replaced through
/// <see cref="DurableFile"/>, so after kill -9 or a power cut it is either the old or the new config.
/// </summary>
internal sealed class ConfigStore(string directory, ILogger<ConfigStore> logger)
{
    /// <summary>Where the files live.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The file of neuron <paramref name="id"/>.</summary>
    public string PathOf(string id) => Path.Combine(Directory, id + ".json");

    /// <summary>The config a neuron should start with: the persisted one, unless the manifest changed since.</summary>
    public NeuronConfig Resolve(string id, NeuronConfig manifestConfig)
    {
        var persisted = Load(id);
        if (persisted is null)
        {
            return manifestConfig;
        }

        if (!persisted.ManifestConfig.Equals(manifestConfig))
        {
            Log.ManifestChanged(logger, id, PathOf(id));
            return manifestConfig;
        }

        Log.UsingPersisted(logger, id, PathOf(id));
        return persisted.Config;
    }

    /// <summary>Reads the persisted config of <paramref name="id"/>; null when absent or unreadable.</summary>
    public PersistedNeuron? Load(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            // Read back through the set patch: the same validation as a live set guards the file.
            var config = Read(doc.RootElement, "config");
            var manifest = Read(doc.RootElement, "manifestConfig");
            return new PersistedNeuron(config, manifest);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException or KeyNotFoundException)
        {
            Log.PersistedUnreadable(logger, id, path, ex.Message);
            return null;
        }
    }

    /// <summary>Writes the config of <paramref name="id"/> durably.</summary>
    public void Save(string id, NeuronConfig config, NeuronConfig manifestConfig)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new PersistedNeuron(config, manifestConfig), NodeJsonContext.Default.PersistedNeuron);
        DurableFile.Write(Directory, PathOf(id), bytes);
    }

    private static NeuronConfig Read(JsonElement root, string property)
    {
        var element = root.GetProperty(property);
        var result = ConfigPatch.Apply(NeuronConfig.Default, System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
        return result.Config ?? throw new InvalidDataException($"{property}: {result.Error}");
    }
}
