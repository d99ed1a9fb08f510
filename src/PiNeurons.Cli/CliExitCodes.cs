namespace PiNeurons.Cli;

/// <summary>The CLI's exit codes, documented in README.md and in <c>--help</c>.</summary>
internal static class CliExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Ok = 0;

    /// <summary>Done, but the outcome is a failure: a neuron refused a <c>set</c>, some neurons did not answer <c>apply</c>, the demo's truth table is wrong.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line (System.CommandLine's own parse errors also give 1; ours give 2).</summary>
    public const int Usage = 2;

    /// <summary>The broker could not be reached.</summary>
    public const int BrokerUnreachable = 3;

    /// <summary>No answer within the timeout (nobody hosts that neuron, or it is offline).</summary>
    public const int Timeout = 4;

    /// <summary>The broker refused our credentials.</summary>
    public const int BrokerRefused = 5;
}
