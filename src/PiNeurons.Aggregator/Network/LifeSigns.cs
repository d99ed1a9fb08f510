namespace PiNeurons.Aggregator.Network;

/// <summary>What the aggregator has heard of one neuron, as <see cref="LivenessRule"/> reads it.</summary>
/// <param name="Status">Its last status: <see cref="NeuronStatus.Online"/>, <see cref="NeuronStatus.Offline"/> or <see cref="NeuronStatus.Unknown"/>.</param>
/// <param name="StateSeen">True once a state of it has been seen.</param>
/// <param name="HeartbeatSeconds">The interval its latest state announces; null when it announces none.</param>
/// <param name="FirstHeardAt">When the aggregator first heard of it since it started, retained messages included.</param>
/// <param name="LastHeardAt">When it last heard something fresh from it (a status, state or event published while the aggregator
/// was subscribed); null while only retained messages came.</param>
public readonly record struct LifeSigns(string Status, bool StateSeen, int? HeartbeatSeconds, DateTimeOffset? FirstHeardAt, DateTimeOffset? LastHeardAt);
