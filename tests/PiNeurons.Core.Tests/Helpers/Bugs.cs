namespace PiNeurons.Core.Tests.Helpers;

/// <summary>Skip reasons for tests that fail on a bug in src/PiNeurons.Core (left unfixed on purpose).</summary>
internal static class Bugs
{
    /// <summary>Static initializers run in text order: <c>Default { get; } = new()</c> runs before
    /// <c>EmptyWeights</c> is assigned, so <c>NeuronConfig.Default.Weights</c> is null.</summary>
    public const string DefaultWeightsNull =
        "BUG: NeuronConfig.Default.Weights is null: the static property Default (= new()) is initialized before the "
        + "static field EmptyWeights it reads, so Default (and every 'Default with {...}') carries Weights = null. "
        + "ConfigPatch.Apply(NeuronConfig.Default, ...) and ClusterManifest.Parse (which starts from Default) throw "
        + "ArgumentNullException from new Dictionary(start.Weights) in ConfigBuilder; Neuron.Potential/WeightOf throw "
        + "NullReferenceException.";
}
