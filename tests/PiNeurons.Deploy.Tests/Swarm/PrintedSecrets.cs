using System.Text.RegularExpressions;
using PiNeurons.Cli;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// What <c>pineurons secrets</c> tells its reader to run for the Swarm: the <c>docker secret create NAME FILE</c> lines
/// it prints, from a real run of the CLI, in-process, on the XOR manifest into a temp folder. Shared by the tests of a
/// class, which only read it.
/// </summary>
public partial class PrintedSecrets : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pineurons-walkthrough-").FullName;
    private readonly string[] _options;

    /// <summary>The run for the Mosquitto stack (no option).</summary>
    public PrintedSecrets()
        : this([])
    {
    }

    /// <summary>The run with <paramref name="options"/> added.</summary>
    protected PrintedSecrets(string[] options) => _options = options;

    /// <summary>The --out of the run.</summary>
    internal string OutDir => Path.Combine(_root, "cluster-secrets");

    /// <summary>Each printed secret and its file, relative to <see cref="OutDir"/>, in printed order.</summary>
    internal IReadOnlyList<(string Secret, string File)> Lines { get; private set; } = [];

    /// <summary>What the run printed, for failure messages.</summary>
    internal string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["secrets", "--manifest", Support.RepoRoot.File("firmware-config/xor.yaml"), "--out", OutDir, .. _options], output, error);
        Output = output.ToString();
        Assert.True(code == 0, $"pineurons secrets exited {code}:\n{Output}\n{error}");
        Lines = [.. Output.Split('\n').Select(l => Create().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups["secret"].Value, Path.GetRelativePath(OutDir, m.Groups["file"].Value).Replace('\\', '/')))];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"^\s*docker secret create (?<secret>\S+) (?<file>\S+)\s*$")]
    private static partial Regex Create();
}

/// <summary>The same for the ejabberd stack: <c>pineurons secrets --broker-kind ejabberd</c>.</summary>
public sealed class PrintedEjabberdSecrets() : PrintedSecrets(["--broker-kind", "ejabberd"]);
