namespace PiNeurons.Node.Hosting;

/// <summary>Whether the node is doing its job: what the systemd watchdog is fed on.</summary>
public interface INodeHealth
{
    /// <summary>True when every hosted neuron is connected to the broker and its processing is not stuck.
    /// <paramref name="reason"/> says what is wrong otherwise.</summary>
    bool IsHealthy(out string? reason);
}
