namespace PiNeurons.Core;

/// <summary>
/// The exit codes of all three programs (the node, the aggregator and the <c>pineurons</c> CLI): one cause, one
/// number everywhere, so a script or systemd can tell them apart without knowing which program ran. The table is
/// in docs/exit-codes.md and each program's <c>--help</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done as asked, or stopped cleanly.</summary>
    public const int Ok = 0;

    /// <summary>The operation failed: a neuron refused a <c>set</c> or did not answer <c>apply</c>, the demo's truth table was
    /// wrong, a neuron is offline or missing in <c>status</c>, a node's neuron loop faulted, the aggregator failed while running.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, option value, environment variable or manifest: the message names it and the fix.</summary>
    public const int Usage = 2;

    /// <summary>The broker could not be reached, or did not answer as an MQTT broker.</summary>
    public const int BrokerUnreachable = 3;

    /// <summary>No answer in time: a neuron did not answer a request, the broker did not acknowledge a publication.</summary>
    public const int NoAnswer = 4;

    /// <summary>The broker refused the login, or another client with the same login took the connection over.</summary>
    public const int LoginRefused = 5;

    /// <summary>The GPIO hardware could not be opened.</summary>
    public const int GpioUnavailable = 6;
}
