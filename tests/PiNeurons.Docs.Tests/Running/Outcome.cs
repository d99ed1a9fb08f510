namespace PiNeurons.Docs.Tests.Running;

/// <summary>How a block ended.</summary>
internal enum Outcome
{
    /// <summary>Ran and did what a reader's shell would accept: exit 0, or a listener still running.</summary>
    Passed,

    /// <summary>Ran and failed (or its markers could not be read).</summary>
    Failed,

    /// <summary>Not run, by its marker.</summary>
    Skipped,
}
