using System.Text.Json;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;

namespace PiNeurons.Node.Persistence;

/// <summary>
/// Durable per-neuron config: <c>&lt;id&gt;.json</c> under the state directory, replaced through
/// <see cref="DurableFile"/>, so after kill -9 or a power cut it is either the old or the new config. The
/// copy it replaces is kept as <c>&lt;id&gt;.json.bak</c>, the last good one: a node never starts from an
/// empty or corrupt file (a failing SD card, a hand edit) but from that copy, and says so (docs/node.md).
/// </summary>
internal sealed class ConfigStore(string directory, ILogger<ConfigStore> logger)
{
    /// <summary>Where the files live.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The file of neuron <paramref name="id"/>.</summary>
    public string PathOf(string id) => Path.Combine(Directory, id + ".json");

    /// <summary>The last good copy of neuron <paramref name="id"/>'s file: the one the latest save replaced.</summary>
    public string BackupOf(string id) => PathOf(id) + ".bak";

    /// <summary>The config a neuron should start with: the persisted one (or its last good copy), unless the
    /// manifest changed since. <see cref="ResolvedConfig.Problem"/> says when the current file could not be used.</summary>
    public ResolvedConfig Resolve(string id, NeuronConfig manifestConfig)
    {
        var (persisted, problem) = LoadWithFallback(id);
        if (persisted is null)
        {
            return new ResolvedConfig(manifestConfig, problem);
        }

        if (!persisted.ManifestConfig.Equals(manifestConfig))
        {
            Log.ManifestChanged(logger, id, PathOf(id));
            return new ResolvedConfig(manifestConfig, problem);
        }

        Log.UsingPersisted(logger, id, PathOf(id));
        return new ResolvedConfig(persisted.Config, problem);
    }

    /// <summary>Reads the persisted config of <paramref name="id"/>; null when absent or unreadable.</summary>
    public PersistedNeuron? Load(string id) => TryRead(PathOf(id), out var persisted, out _) ? persisted : null;

    /// <summary>Writes the config of <paramref name="id"/> durably, keeping the file it replaces as the last good copy.</summary>
    public void Save(string id, NeuronConfig config, NeuronConfig manifestConfig)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new PersistedNeuron(config, manifestConfig), NodeJsonContext.Default.PersistedNeuron);
        DurableFile.Write(Directory, PathOf(id), bytes, previousAs: BackupOf(id));
    }

    private (PersistedNeuron? Persisted, string? Problem) LoadWithFallback(string id)
    {
        var path = PathOf(id);
        var backup = BackupOf(id);
        string? reason = null;
        if (File.Exists(path))
        {
            if (TryRead(path, out var current, out reason))
            {
                return (current, null);
            }

            Log.PersistedUnreadable(logger, id, path, reason!);
            // Set aside, not deleted (for whoever investigates the card): the next save must not rotate it
            // over the good copy.
            File.Move(path, path + ".corrupt", overwrite: true);
        }
        else if (!File.Exists(backup))
        {
            return (null, null); // a neuron that was never set
        }

        // A save never leaves a moment without the current file, so a missing one was deleted by hand or by a failing card.
        var why = reason is null ? $"{path} is missing" : $"{path} is unreadable ({reason})";
        string? backupReason = null;
        if (File.Exists(backup) && TryRead(backup, out var good, out backupReason))
        {
            Log.UsingLastGood(logger, id, backup, why);
            return (good, $"config: {why}; started from the last good copy {backup}");
        }

        var also = File.Exists(backup) ? $"the last good copy is unreadable too ({backupReason})" : "no good copy was kept";
        return (null, $"config: {why} and {also}; started from the manifest's config");
    }

    private static bool TryRead(string path, out PersistedNeuron? persisted, out string? reason)
    {
        persisted = null;
        reason = null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0)
            {
                reason = "empty file";
                return false;
            }

            using var doc = JsonDocument.Parse(bytes);
            // Read back through the set patch: the same validation as a live set guards the file.
            persisted = new PersistedNeuron(Read(doc.RootElement, "config"), Read(doc.RootElement, "manifestConfig"));
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            reason = ex.Message.Split('\n')[0];
            return false;
        }
    }

    private static NeuronConfig Read(JsonElement root, string property)
    {
        var element = root.GetProperty(property);
        var result = ConfigPatch.Apply(NeuronConfig.Default, System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
        return result.Config ?? throw new InvalidDataException($"{property}: {result.Error}");
    }
}

/// <summary>The config a neuron starts with, and why it is not the persisted one when something was wrong.</summary>
/// <param name="Config">The config to start with.</param>
/// <param name="Problem">Null when all is well; else the reason of the <c>error</c> event the neuron emits at start.</param>
internal sealed record ResolvedConfig(NeuronConfig Config, string? Problem);
