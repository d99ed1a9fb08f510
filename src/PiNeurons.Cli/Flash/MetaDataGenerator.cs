namespace PiNeurons.Cli.Flash;

/// <summary>The cloud-init NoCloud <c>meta-data</c>: an instance id and hostname per node.</summary>
internal static class MetaDataGenerator
{
    public static string Generate(string host) =>
        "instance-id: " + YamlText.Quote("pineurons-" + host) + "\n"
        + "local-hostname: " + YamlText.Quote(host) + "\n";
}
