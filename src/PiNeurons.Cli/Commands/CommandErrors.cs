using System.Globalization;

namespace PiNeurons.Cli.Commands;

/// <summary>A bad command line our own checks found (an invalid id, a malformed key=value): exit 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>A neuron did not answer a request in time: exit 4, with a hint where to look.</summary>
internal sealed class NoAnswerException(string id, TimeSpan timeout, string statusTopic)
    : Exception($"no answer from neuron '{id}' within {Seconds(timeout)} s: is it online? ({statusTopic})")
{
    /// <summary>The neuron that stayed silent.</summary>
    public string NeuronId { get; } = id;

    /// <summary>Seconds as the operator typed them: 5, 1.5.</summary>
    public static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A command named a neuron that no node announced under the root: exit 1, unless --force.</summary>
internal sealed class UnknownNeuronException(string id, string root, string statusTopic)
    : Exception($"no neuron '{id}' is known under the root '{root}': nothing is retained on {statusTopic}, which its node publishes; "
        + "check the id (pineurons status lists them) and --root, or give --force to send anyway");
