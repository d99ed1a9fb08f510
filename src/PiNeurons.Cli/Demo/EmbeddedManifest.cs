namespace PiNeurons.Cli.Demo;

/// <summary>The manifests compiled into the CLI, so <c>pineurons demo</c> needs no file.</summary>
internal static class EmbeddedManifest
{
    /// <summary>firmware-config/xor.yaml as it was at build time.</summary>
    public static string Xor()
    {
        using var stream = typeof(EmbeddedManifest).Assembly.GetManifestResourceStream("xor.yaml")
            ?? throw new InvalidOperationException("the built-in xor.yaml is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
