using System.Buffers.Binary;
using System.Text;
using PiNeurons.Cli.Flash;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>What the flash tests share: a scratch folder, a test SSH key, the repo's manifest, and running the tools.</summary>
internal sealed class FlashScratch : IDisposable
{
    public const string SetupScript = "tests/PiNeurons.Cli.Tests/Flash/setup-flash-tools.sh";

    public FlashScratch() => Root = Directory.CreateTempSubdirectory("pineurons-flash-test-").FullName;

    public string Root { get; }

    public static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PiNeurons.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("PiNeurons.sln not found above the test binaries"), relative);
    }

    /// <summary>firmware-config/xor.yaml, whose broker is the Swarm stack's TLS listener.</summary>
    public static string XorManifest => RepoFile("firmware-config/xor.yaml");

    /// <summary>The XOR manifest with its broker on plain MQTT, the way a broker of one's own may take it.</summary>
    public string PlainManifest() =>
        Write("xor-plain.yaml", File.ReadAllText(XorManifest)
            .Replace("broker: mqtts://pi-broker.local:8883", "broker: mqtt://pi-broker.local:1883", StringComparison.Ordinal));

    /// <summary>A syntactically real ed25519 public key line (RFC 8709 blob: type string, then 32 key bytes).</summary>
    public static string TestKey(string comment = "operator@laptop")
    {
        var blob = new byte[4 + 11 + 4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(blob, 11);
        Encoding.ASCII.GetBytes("ssh-ed25519").CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(15), 32);
        for (var i = 0; i < 32; i++)
        {
            blob[19 + i] = (byte)(i * 7);
        }

        return $"ssh-ed25519 {Convert.ToBase64String(blob)} {comment}";
    }

    public static NodeBootSettings Settings(string host = "pi-h1", bool bundle = true) =>
        new(host, File.ReadAllText(XorManifest), PiSystemFiles.All(), "pi", [TestKey()], ["libgpiod3"], bundle);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}

/// <summary>Runs the external checkers; a missing one fails the test and names how to install it, never skips.</summary>
internal static class Tool
{
    public static string Require(string name, string install) => ProgramPath.Find(name, $"{name} is missing: {install}");

    public static async Task<(int Code, string Output, string Error)> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var result = await ChildProcess.RunAsync(file, args, TimeSpan.FromSeconds(60), new ChildProcessOptions
        {
            Environment = (env ?? new Dictionary<string, string>()).ToDictionary(e => e.Key, e => (string?)e.Value),
        });
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
