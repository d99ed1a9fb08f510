namespace PiNeurons.Aggregator.Metrics;

/// <summary>The real <c>/proc</c>. A missing or unreadable file is no error: the figure it holds is left out.</summary>
internal sealed class ProcFiles : IProcFiles
{
    public string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public int? CountEntries(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
