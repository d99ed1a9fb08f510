namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>How a command block is run (its marker; <see cref="Run"/> when it has none).</summary>
internal enum BlockMode
{
    /// <summary>The whole block as one bash script, which must exit 0 within its timeout.</summary>
    Run,

    /// <summary>Not run, for one of <see cref="SkipReasons"/>.</summary>
    Skip,

    /// <summary>The whole block started and left running while the file's later blocks run; it must not fail.</summary>
    Background,

    /// <summary>Each command as typed into a terminal of its own: one still running after a moment is a listener,
    /// left running while the file's later blocks run; it must not fail.</summary>
    Terminals,
}
