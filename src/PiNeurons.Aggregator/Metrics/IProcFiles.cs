namespace PiNeurons.Aggregator.Metrics;

/// <summary>The seam between <see cref="ProcessStatsReader"/> and Linux's <c>/proc</c>, so tests hand it sample text.</summary>
public interface IProcFiles
{
    /// <summary>The whole text of a file, or null when it cannot be read.</summary>
    string? ReadText(string path);

    /// <summary>How many entries a directory holds, or null when it cannot be listed.</summary>
    int? CountEntries(string directory);
}
