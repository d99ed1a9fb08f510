using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>One line of <c>pineurons status</c>: what the broker retains about a neuron, or that it never appeared, or what
/// it answered when asked directly.</summary>
/// <param name="Id">The neuron.</param>
/// <param name="Host">Its host in the manifest, when one was given.</param>
/// <param name="Status"><see cref="Online"/>, <see cref="Offline"/> or <see cref="Missing"/>.</param>
/// <param name="Version">Its node's version as published, <c>0.1.0+&lt;commit&gt;</c>.</param>
/// <param name="FiredCount">Firings since it was created.</param>
/// <param name="LastFiredAt">Its last firing.</param>
/// <param name="Clock"><c>synchronized</c>, or <c>unsynchronized</c> while its Pi's clock is not set yet.</param>
internal sealed record NeuronStatusRow(string Id, string? Host, string Status, string? Version, long? FiredCount, DateTimeOffset? LastFiredAt, string? Clock)
{
    /// <summary>What it made of a direct question; null when what is retained was enough.</summary>
    public DirectAnswer? Asked { get; init; }

    public const string Online = StatusPayloads.Online;

    public const string Offline = "offline";

    /// <summary>No retained status: in the manifest and never seen under the root, or only its state is retained.</summary>
    public const string Missing = "missing";

    /// <summary>Every neuron to list: those the broker retains a status or state of, and the manifest's.</summary>
    public static IReadOnlyList<string> Ids(NeuronDirectory directory, ClusterManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. directory.AllIds.Concat(manifest?.Neurons.Select(n => n.Id) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The neurons whose retained view does not show them online: no retained status (a manifest neuron, or one that left
    /// only its state), or a retained <c>offline</c>. On a clustered broker a retained message may be stale or on another
    /// broker node (docs/protocol.md section 9, "Heartbeat"), so these are asked directly. A retained <c>online</c> is taken
    /// at its word: asking every neuron would make each status wait on every dead one.
    /// </summary>
    public static IReadOnlyList<string> ToAsk(NeuronDirectory directory, ClusterManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. Ids(directory, manifest).Where(id => directory.Status(id) != StatusPayloads.Online)];
    }

    /// <summary>A row per neuron of <see cref="Ids"/>; one that <paramref name="answers"/> holds is shown as it answered.</summary>
    public static IReadOnlyList<NeuronStatusRow> From(NeuronDirectory directory, ClusterManifest? manifest, IReadOnlyDictionary<string, DirectAnswer>? answers = null) =>
        [.. Ids(directory, manifest).Select(id =>
        {
            var row = Row(id, manifest?.FindNeuron(id)?.Host, directory);
            return answers?.GetValueOrDefault(id) is { } asked ? Answered(row, asked) : row;
        })];

    // A neuron that answered is online now, and its answer is fresher than anything retained.
    private static NeuronStatusRow Answered(NeuronStatusRow row, DirectAnswer asked) => asked.Outcome == DirectAnswer.Answered
        ? row with
        {
            Status = Online,
            Version = asked.State?.Version ?? row.Version,
            FiredCount = asked.State?.FiredCount ?? row.FiredCount,
            LastFiredAt = asked.State is { } s ? s.LastFiredAt : row.LastFiredAt,
            Clock = asked.State is { } state ? state.Clock ?? "synchronized" : row.Clock,
            Asked = asked,
        }
        : row with { Asked = asked };

    private static NeuronStatusRow Row(string id, string? host, NeuronDirectory directory)
    {
        var state = directory.State(id) is { } json ? NeuronReply.Parse(json).State : null;
        return new NeuronStatusRow(
            id,
            host,
            directory.Status(id) switch { null => Missing, StatusPayloads.Online => Online, _ => Offline },
            state?.Version,
            state?.FiredCount,
            state?.LastFiredAt,
            state is null ? null : state.Clock ?? "synchronized");
    }

    /// <summary>The version for people: <c>0.1.0+&lt;40 hex digits&gt;</c> reads as <c>0.1.0 (6980975)</c>.</summary>
    public static string Describe(string version) =>
        version.Split('+') is [var semver, var commit] && commit.Length > 7 ? $"{semver} ({commit[..7]})" : version;
}
