namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>A fenced block of shell commands in a markdown file, with its marker.</summary>
/// <param name="File">The file, relative to the repository root (<c>README.md</c>, <c>docs/protocol.md</c>).</param>
/// <param name="Line">The line of its opening fence.</param>
/// <param name="Lines">Its content: for a <c>console</c> block only the commands, without their <c>$ </c> prompt.</param>
/// <param name="Marker">What its markers say.</param>
internal sealed record CommandBlock(string File, int Line, IReadOnlyList<SourceLine> Lines, BlockMarker Marker)
{
    /// <summary>Its commands, as a reader types them one by one.</summary>
    public IReadOnlyList<ShellCommandLine> Commands => ShellCommandLine.Split(Lines);

    /// <summary><c>file:line</c> of the fence.</summary>
    public string Where => $"{File}:{Line}";

    /// <summary>How the report names it: its first command.</summary>
    public string FirstCommand => Commands.Count > 0 ? Commands[0].Display : "(no command)";

    /// <summary>Whether it builds (dotnet run, build, publish...), which takes far longer than a command.</summary>
    public bool Builds => Lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"\bdotnet\s+(run|build|publish|test|pack)\b"));
}
