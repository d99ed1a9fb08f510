namespace PiNeurons.Cli.Demo;

/// <summary>The manifests compiled into the CLI, so <c>pineurons demo</c> needs no file.</summary>
internal static class EmbeddedManifest
{
    /// <summary>firmware-config/xor.yaml as it was at build time.</summary>
    public static string Xor() => Read("xor.yaml");

    /// <summary>firmware-config/xor-learn.yaml as it was at build time: the network of <c>demo --learn</c>.</summary>
    public static string XorLearn() => Read("xor-learn.yaml");

    /// <summary>firmware-config/room.yaml as it was at build time: the sensor neuron the demo runs beside XOR.</summary>
    public static string Room() => Read("room.yaml");

    private static string Read(string name)
    {
        using var stream = typeof(EmbeddedManifest).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the built-in {name} is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
