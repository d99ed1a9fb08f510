using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Hosting;

/// <summary>The neurons a node hosts, as the benchmarks watch them from outside the node.</summary>
public interface IHostedNeurons
{
    /// <summary>The hosted neurons, in the plan's order, once they are created.</summary>
    Task<IReadOnlyList<IHostedNeuron>> WhenCreatedAsync(CancellationToken ct);
}
