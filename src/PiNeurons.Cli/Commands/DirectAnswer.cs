using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>What a neuron that <c>pineurons status</c> asked directly made of the question.</summary>
/// <param name="State">Its state, when it answered with one.</param>
/// <param name="Outcome"><see cref="Answered"/>, <see cref="NoAnswer"/> or <see cref="Refused"/>.</param>
internal sealed record DirectAnswer(StateMessage? State, string Outcome)
{
    /// <summary>It answered: it is online, whatever is retained.</summary>
    public const string Answered = "answered";

    /// <summary>Nothing came back within the time given.</summary>
    public const string NoAnswer = "no answer";

    /// <summary>The broker would not let this login publish the query.</summary>
    public const string Refused = "refused";

    /// <summary>How the status table marks it.</summary>
    public string Mark => Outcome switch
    {
        Answered => "answered query",
        Refused => "query refused",
        _ => "no answer to query",
    };
}
