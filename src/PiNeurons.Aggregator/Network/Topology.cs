using PiNeurons.Aggregator.Latency;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Network;

/// <summary>The graph the page draws, and the versions its neurons run.</summary>
/// <param name="Nodes">Every neuron, with its layer.</param>
/// <param name="Edges">Every connection, with the weight the receiving neuron gives it.</param>
/// <param name="Versions">Each version the neurons' states carry, with those neurons, the largest group first.</param>
/// <param name="MixedVersions">True when there is more than one: some nodes were not updated.</param>
public sealed record Topology(IReadOnlyList<TopologyNode> Nodes, IReadOnlyList<TopologyEdge> Edges, IReadOnlyList<VersionGroup> Versions, bool MixedVersions);

/// <summary>A neuron in the graph.</summary>
/// <param name="Id">The neuron's id.</param>
/// <param name="Layer">0 for neurons nothing feeds; else one more than the deepest neuron feeding it.</param>
/// <param name="Status">online, offline or unknown.</param>
/// <param name="Threshold">From its state, if seen.</param>
/// <param name="FiredCount">From its state, if seen.</param>
/// <param name="MissingSeqs">Events the store never got from it.</param>
/// <param name="Learning">Its learning rule (<c>perceptron</c>, <c>stdp</c>); null when it learns nothing or its state is unknown.</param>
public sealed record TopologyNode(string Id, int Layer, string Status, double? Threshold, long? FiredCount, long MissingSeqs, string? Learning);

/// <summary>A connection <c>From -&gt; To</c>.</summary>
/// <param name="From">The neuron that kicks.</param>
/// <param name="To">The neuron kicked.</param>
/// <param name="Weight"><c>To</c>'s weight for <c>From</c>; null while <c>To</c>'s state is unknown.</param>
/// <param name="Latency">The delay from <c>From</c>'s firing to <c>To</c>'s kick, since the aggregator started; null until a pair was seen.</param>
public sealed record TopologyEdge(string From, string To, double? Weight, EdgeLatency? Latency);
