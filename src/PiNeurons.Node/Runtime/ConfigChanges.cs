using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// A set command's patch, or what a learning rule changed, made into the config a neuron runs with next: checked,
/// and saved before it is announced, so that once the neuron announces the change it survives kill -9. A change
/// that cannot be saved is not made. The runtime applies the config and announces it; this class only decides and saves.
/// </summary>
internal sealed class ConfigChanges(string id, NeuronConfig manifestConfig, ConfigStore store, ILogger logger)
{
    /// <summary>
    /// The config <paramref name="patch"/> makes of <paramref name="current"/>, saved; or why it is refused
    /// (the patch is bad, or the config could not be saved).
    /// </summary>
    public bool TryChange(
        NeuronConfig current,
        ReadOnlyMemory<byte> patch,
        [NotNullWhen(true)] out NeuronConfig? changed,
        [NotNullWhen(false)] out string? refusal)
    {
        changed = null;
        var result = ConfigPatch.Apply(current, patch);
        if (!result.IsSuccess)
        {
            refusal = "set: " + result.Error;
            return false;
        }

        if (!TrySave(result.Config!, out var problem))
        {
            refusal = $"set: not applied, the config could not be saved: {problem}";
            return false;
        }

        changed = result.Config!;
        refusal = null;
        return true;
    }

    /// <summary>Saves <paramref name="config"/> durably; false with the reason when it could not be.</summary>
    public bool TrySave(NeuronConfig config, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            store.Save(id, config, manifestConfig);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PersistFailed(logger, id, ex.Message);
            problem = ex.Message;
            return false;
        }
    }
}
