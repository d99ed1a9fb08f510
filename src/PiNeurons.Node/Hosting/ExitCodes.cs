namespace PiNeurons.Node.Hosting;

/// <summary>The node's exit codes (listed in <c>--help</c>).</summary>
public static class ExitCodes
{
    /// <summary>Stopped cleanly.</summary>
    public const int Ok = 0;

    /// <summary>A neuron's loop faulted.</summary>
    public const int Faulted = 1;

    /// <summary>Bad options or manifest.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The GPIO driver could not be opened.</summary>
    public const int GpioUnavailable = 3;

    /// <summary>The broker refused the credentials, or another process took over a neuron's session.</summary>
    public const int BrokerRefused = 4;
}
