using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>What one neuron starts from.</summary>
/// <param name="Id">The neuron id.</param>
/// <param name="Config">The config it runs with: the manifest's, or the one a set command last saved.</param>
/// <param name="ManifestConfig">The manifest's config, saved beside a changed one: a manifest changed since wins at the next start.</param>
/// <param name="Counters">Where its seq and firing counters left off.</param>
/// <param name="Sensors">Its sensors; a polled one with a threshold kicks it when a reading crosses it.</param>
internal sealed record NeuronStart(
    string Id,
    NeuronConfig Config,
    NeuronConfig ManifestConfig,
    DurableCounters Counters,
    IReadOnlyList<SensorEntry> Sensors);
