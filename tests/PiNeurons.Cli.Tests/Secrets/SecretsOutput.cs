using System.Text.Json.Nodes;
using PiNeurons.Cli.Secrets;
using PiNeurons.Cli.Tests.Commands;
using PiNeurons.Cli.Tests.Inventory;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>A temp folder holding one run of <c>pineurons secrets</c> on the XOR manifest.</summary>
internal sealed class SecretsOutput : IDisposable
{
    public SecretsOutput()
    {
        Root = Directory.CreateTempSubdirectory("pineurons-secrets-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto, started as root, drops to its own user and still has to reach the files.
            File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        }

        Dir = Path.Combine(Root, "out");
    }

    public string Root { get; }

    public string Dir { get; }

    public static string ManifestPath => InventoryFormatterTests.XorPath();

    public Task<CliResult> RunAsync(params string[] extra) =>
        CliRun.RunAsync(["secrets", "--manifest", ManifestPath, "--out", Dir, .. extra]);

    public string PathOf(string name) => Path.Combine(Dir, name);

    public string Password(string user) => System.IO.File.ReadLines(Path.Combine(Dir, "passwords", user)).First();

    /// <summary>The dynamic-security file the run wrote, parsed.</summary>
    public JsonNode DynamicSecurity() => JsonNode.Parse(System.IO.File.ReadAllText(PathOf(DynamicSecurityFile.FileName)))!;

    /// <summary>The clients of <see cref="DynamicSecurity"/>, in file order.</summary>
    public IReadOnlyList<JsonNode> Clients() => [.. DynamicSecurity()["clients"]!.AsArray().Select(c => c!)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
