using PiNeurons.Core;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary>What a command is waiting for, so that when its --timeout ends the wait, it says what did not come.</summary>
/// <param name="Describe">The exit code and the message for <c>(broker, timeout)</c>.</param>
internal sealed record WaitStage(Func<BrokerList, TimeSpan, (int Code, string Message)> Describe)
{
    /// <summary>Between waits.</summary>
    public static WaitStage Working { get; } = new((_, timeout) =>
        (ExitCodes.NoAnswer, $"the command did not finish within {NoAnswerException.Seconds(timeout)} s"));

    /// <summary>Connecting: a listener that accepts TCP and never answers CONNECT ends here.</summary>
    public static WaitStage Connecting { get; } = new((broker, timeout) =>
        (ExitCodes.BrokerUnreachable, BrokerUnreachableException.NoneOf([.. broker.Select(b => BrokerUnreachableException.NoAnswer(b, timeout))]).Message));

    /// <summary>Reading which neurons exist (their retained status).</summary>
    public static WaitStage Directory { get; } = new((broker, timeout) =>
        (ExitCodes.NoAnswer, $"the broker at {broker} did not deliver the neurons' status within {NoAnswerException.Seconds(timeout)} s"));

    /// <summary>The broker's acknowledgement of a publication.</summary>
    public static WaitStage Acknowledgement(string what) => new((broker, timeout) =>
        (ExitCodes.NoAnswer, $"the broker at {broker} did not acknowledge {what} within {NoAnswerException.Seconds(timeout)} s"));

    /// <summary>A neuron's answer to a request.</summary>
    public static WaitStage Answer(NeuronTopics neuron) => new((_, timeout) =>
        (ExitCodes.NoAnswer, new NoAnswerException(neuron.Id, timeout, neuron.Status).Message));
}
