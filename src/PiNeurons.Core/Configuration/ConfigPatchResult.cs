using PiNeurons.Core.Model;

namespace PiNeurons.Core.Configuration;

/// <summary>The outcome of applying a <c>set</c> patch: a new valid config, or the reason it was refused.</summary>
public readonly record struct ConfigPatchResult(NeuronConfig? Config, string? Error)
{
    /// <summary>True when the patch produced a valid config.</summary>
    public bool IsSuccess => Config is not null;

    internal static ConfigPatchResult Fail(string error) => new(null, error);
}
