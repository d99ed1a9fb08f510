namespace PiNeurons.Cli.Flash;

/// <summary>systemd/pineurons-node.service as it was at build time (an embedded resource of the CLI).</summary>
internal static class SystemdUnit
{
    public const string ResourceName = "pineurons-node.service";

    public static string Text()
    {
        using var stream = typeof(SystemdUnit).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the built-in pineurons-node.service is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
