namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>What the <c>&lt;!-- docs-test: ... --&gt;</c> comments right above a command block say about it.</summary>
/// <param name="Mode">How it runs.</param>
/// <param name="SkipReason">For <see cref="BlockMode.Skip"/>: one of <see cref="SkipReasons"/>.</param>
/// <param name="Note">For <see cref="BlockMode.Skip"/>: the words after the reason, if any.</param>
/// <param name="Before">A command run first, unseen by readers: what the prose tells the reader to have done.</param>
/// <param name="ReadyPort">For <see cref="BlockMode.Background"/>: the block is ready when 127.0.0.1 accepts on this port.</param>
/// <param name="ReadyOnline">For <see cref="BlockMode.Background"/>: the block is ready when these neurons say online.</param>
/// <param name="Errors">Markers that could not be read; the block fails with them rather than run unlike its author meant.</param>
internal sealed record BlockMarker(
    BlockMode Mode,
    string? SkipReason,
    string? Note,
    string? Before,
    int? ReadyPort,
    IReadOnlyList<string> ReadyOnline,
    IReadOnlyList<string> Errors)
{
    /// <summary>No marker: run the block.</summary>
    public static BlockMarker None { get; } = new(BlockMode.Run, null, null, null, null, [], []);
}
