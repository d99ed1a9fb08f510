namespace PiNeurons.Core.Manifest;

/// <summary>A manifest that cannot be used; <see cref="Exception.Message"/> lists every problem with its place.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    public ManifestException(string sourceName, IReadOnlyList<string> problems)
        : base($"{sourceName} is not a valid manifest:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, prefixed with line and path.</summary>
    public IReadOnlyList<string> Problems { get; }
}
