using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>One line of <c>pineurons status</c>: what the broker retains about a neuron, or that it never appeared.</summary>
/// <param name="Id">The neuron.</param>
/// <param name="Host">Its host in the manifest, when one was given.</param>
/// <param name="Status"><see cref="Online"/>, <see cref="Offline"/> or <see cref="Missing"/>.</param>
/// <param name="Version">Its node's version as published, <c>0.1.0+&lt;commit&gt;</c>.</param>
/// <param name="FiredCount">Firings since it was created.</param>
/// <param name="LastFiredAt">Its last firing.</param>
/// <param name="Clock"><c>synchronized</c>, or <c>unsynchronized</c> while its Pi's clock is not set yet.</param>
internal sealed record NeuronStatusRow(string Id, string? Host, string Status, string? Version, long? FiredCount, DateTimeOffset? LastFiredAt, string? Clock)
{
    public const string Online = StatusPayloads.Online;

    public const string Offline = "offline";

    /// <summary>In the manifest, never seen under the root.</summary>
    public const string Missing = "missing";

    /// <summary>A row per neuron the broker retains a status of, and per manifest neuron it does not.</summary>
    public static IReadOnlyList<NeuronStatusRow> From(NeuronDirectory directory, ClusterManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var ids = directory.Ids.Concat(manifest?.Neurons.Select(n => n.Id) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. ids.Select(id => Row(id, manifest?.FindNeuron(id)?.Host, directory))];
    }

    private static NeuronStatusRow Row(string id, string? host, NeuronDirectory directory)
    {
        if (directory.Status(id) is not { } status)
        {
            return new NeuronStatusRow(id, host, Missing, null, null, null, null);
        }

        var state = directory.State(id) is { } json ? NeuronReply.Parse(json).State : null;
        return new NeuronStatusRow(
            id,
            host,
            status == StatusPayloads.Online ? Online : Offline,
            state?.Version,
            state?.FiredCount,
            state?.LastFiredAt,
            state is null ? null : state.Clock ?? "synchronized");
    }

    /// <summary>The version for people: <c>0.1.0+&lt;40 hex digits&gt;</c> reads as <c>0.1.0 (6980975)</c>.</summary>
    public static string Describe(string version) =>
        version.Split('+') is [var semver, var commit] && commit.Length > 7 ? $"{semver} ({commit[..7]})" : version;
}
