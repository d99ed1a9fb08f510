namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>A line of a markdown file, with its 1-based line number.</summary>
internal readonly record struct SourceLine(int Number, string Text);
