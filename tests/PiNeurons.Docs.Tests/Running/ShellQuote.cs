namespace PiNeurons.Docs.Tests.Running;

/// <summary>Quoting for bash.</summary>
internal static class ShellQuote
{
    /// <summary><paramref name="text"/> as one bash word, whatever it holds.</summary>
    public static string Of(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
