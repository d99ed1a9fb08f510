using PiNeurons.Core.Model;

namespace PiNeurons.Node.Persistence;

/// <summary>What a node keeps on disk per neuron: the config in force, and the manifest config it started
/// from, so a redeployed manifest can be told apart from a runtime <c>set</c>.</summary>
/// <param name="Config">The config in force (after every acknowledged <c>set</c>).</param>
/// <param name="ManifestConfig">The manifest's config for this neuron when the file was written.</param>
internal sealed record PersistedNeuron(NeuronConfig Config, NeuronConfig ManifestConfig);
