namespace PiNeurons.Core.Protocol;

/// <summary>The neurons whose states carry one <c>version</c>.</summary>
/// <param name="Version">The version as published, <c>0.1.0+&lt;commit&gt;</c>.</param>
/// <param name="Neurons">The neurons carrying it, in ordinal order.</param>
public sealed record VersionGroup(string Version, IReadOnlyList<string> Neurons);
