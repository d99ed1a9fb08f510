namespace PiNeurons.Aggregator.Storage;

/// <summary>What the store has counted for one neuron since it first saw it.</summary>
/// <param name="Neuron">The neuron's id.</param>
/// <param name="Events">Events stored.</param>
/// <param name="Kicks">Events of type kicked.</param>
/// <param name="Fires">Events of type fired.</param>
/// <param name="Refractory">Events of type refractory.</param>
/// <param name="Errors">Events of type error.</param>
/// <param name="LastSeq">The highest seq stored.</param>
/// <param name="MissingSeqs">Sequence numbers skipped and not (yet) filled: the neuron's events the store never got.</param>
/// <param name="LastSeen">When the newest event was received.</param>
public sealed record NeuronCounters(
    string Neuron,
    long Events,
    long Kicks,
    long Fires,
    long Refractory,
    long Errors,
    long LastSeq,
    long MissingSeqs,
    DateTimeOffset LastSeen);
