namespace PiNeurons.Node.Runtime;

/// <summary>One hosted neuron, seen from outside the node.</summary>
public interface IHostedNeuron
{
    /// <summary>The neuron's id.</summary>
    string Id { get; }

    /// <summary>Kicks taken off its queue and given to its model since it started.</summary>
    long KicksProcessed { get; }
}
