namespace PiNeurons.Testing;

/// <summary>Where and with what environment a <see cref="ChildProcess"/> runs, and how messages name it.</summary>
public sealed class ChildProcessOptions
{
    /// <summary>The working directory; the test's own when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set on top of the test's environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>What failure messages call it; the program and its arguments when null.</summary>
    public string? Description { get; init; }
}
