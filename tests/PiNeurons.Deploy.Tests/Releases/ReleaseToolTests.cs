using PiNeurons.Deploy.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Releases;

/// <summary>
/// systemd/pineurons-release's layout of releases, run as it is on a scratch folder with systemd left out
/// (PINEURONS_RELEASE_SYSTEMD=0). What it does with systemd (the trial's start limit, the rollback unit, the check
/// timer) is proven on real systemd in the VM stage (.ci/vm/guest-check.sh, section 9).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReleaseToolTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pineurons-release-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Install_FirstBundle_BecomesCurrentThroughASymlink()
    {
        var result = await RunAsync("install", Bundle("0.1.0+a"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0.1.0+a is current (the first release here)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("releases/0.1.0+a", new FileInfo(Path.Combine(Opt, "current")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(Opt, "releases", "0.1.0+a", "PiNeurons.Node")));
    }

    [Fact]
    public async Task Install_BundleWithoutVersion_IsRefusedSayingHowToMakeOne()
    {
        var bundle = Bundle("0.1.0+a");
        File.Delete(Path.Combine(bundle, "VERSION"));

        var result = await RunAsync("install", bundle);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no VERSION file: make the bundle with deploy/publish-node.sh", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Opt, "releases", "0.1.0+a")));
    }

    [Fact]
    public async Task Switch_PutsTheReleaseOnTrialWithTheOneBeforeAsPrevious()
    {
        await RunOkAsync("install", Bundle("0.1.0+a"));
        await RunOkAsync("install", Bundle("0.2.0+b"));

        await RunOkAsync("switch", "0.2.0+b", "--trial", "30");

        var status = await RunOkAsync("status");
        Assert.Contains("current:  0.2.0+b", status, StringComparison.Ordinal);
        Assert.Contains("previous: 0.1.0+a", status, StringComparison.Ordinal);
        Assert.Contains("good after 30 s active", status, StringComparison.Ordinal);
        Assert.Contains("StartLimitBurst=3", await File.ReadAllTextAsync(DropIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_WhileTheCurrentIsOnTrial_FallsBackToWhereThatTrialWould()
    {
        await RunOkAsync("install", Bundle("0.1.0+a"));
        await RunOkAsync("install", Bundle("0.2.0+b"));
        await RunOkAsync("install", Bundle("0.3.0+c"));
        await RunOkAsync("switch", "0.2.0+b");

        await RunOkAsync("switch", "0.3.0+c");
        await RunOkAsync("rollback", "--reason", "test");

        Assert.Contains("current:  0.1.0+a", await RunOkAsync("status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_MarksTheReleaseBad_AndASwitchBackIsRefusedUntilForced()
    {
        await RunOkAsync("install", Bundle("0.1.0+a"));
        await RunOkAsync("install", Bundle("0.2.0+b"));
        await RunOkAsync("switch", "0.2.0+b");

        await RunOkAsync("rollback", "--reason", "LED stuck on");
        var refused = await RunAsync("switch", "0.2.0+b");
        var forced = await RunAsync("switch", "0.2.0+b", "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("0.2.0+b was rolled back (LED stuck on); --force tries it again", refused.StandardError, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var status = await RunOkAsync("status");
        Assert.Contains("0.2.0+b  [current, on trial]", status, StringComparison.Ordinal);
        Assert.DoesNotContain("bad:", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutomaticRollback_OfACommittedRelease_ChangesNothing()
    {
        await RunOkAsync("install", Bundle("0.1.0+a"));
        await RunOkAsync("install", Bundle("0.2.0+b"));
        await RunOkAsync("switch", "0.2.0+b");
        await RunOkAsync("commit");

        var result = await RunOkAsync("rollback", "--automatic");

        Assert.Contains("which is not on trial: no automatic rollback", result, StringComparison.Ordinal);
        Assert.Contains("current:  0.2.0+b", await RunOkAsync("status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_KeepsTheNewestAndNeverCurrentOrPrevious_AndDeletesBadOnesFirst()
    {
        // Installed oldest first: a, d, b, c (prune goes by install time, set here rather than waited for).
        var minutesAgo = new Dictionary<string, int> { ["0.1.0+a"] = 9, ["0.4.0+d"] = 8, ["0.2.0+b"] = 7, ["0.3.0+c"] = 6 };
        foreach (var (v, ago) in minutesAgo)
        {
            await RunOkAsync("install", Bundle(v));
            Directory.SetLastWriteTimeUtc(Path.Combine(Opt, "releases", v), DateTime.UtcNow.AddMinutes(-ago));
        }

        await RunOkAsync("switch", "0.3.0+c");
        await RunOkAsync("rollback", "--reason", "bad");
        await RunOkAsync("switch", "0.2.0+b");

        var pruned = await RunOkAsync("prune", "--keep", "1");

        Assert.Equal(["0.1.0+a", "0.2.0+b"], Directory.GetDirectories(Path.Combine(Opt, "releases")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("deleted 0.3.0+c (bad)", pruned, StringComparison.Ordinal);
        Assert.Contains("deleted 0.4.0+d", pruned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_ANameThatIsNoRelease_IsAUsageError()
    {
        await RunOkAsync("install", Bundle("0.1.0+a"));

        var result = await RunAsync("switch", "../..");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("switch ../..: not a release name", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("releases/0.1.0+a", new FileInfo(Path.Combine(Opt, "current")).LinkTarget);
    }

    private string Opt => Path.Combine(_root, "opt");

    private string DropIn => Path.Combine(_root, "dropin", "trial.conf");

    private string Bundle(string version)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "bundles", version)).FullName;
        var exe = Path.Combine(dir, "PiNeurons.Node");
        File.WriteAllText(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(dir, "VERSION"), version + "\n");
        return dir;
    }

    private async Task<string> RunOkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"pineurons-release {string.Join(' ', arguments)}: {result}");
        return result.StandardOutput;
    }

    private Task<ChildProcessResult> RunAsync(params string[] arguments) =>
        ChildProcess.RunAsync("bash", [RepoRoot.File("systemd/pineurons-release"), .. arguments], TimeSpan.FromSeconds(30), new ChildProcessOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["PINEURONS_HOME"] = Opt,
                ["PINEURONS_RELEASE_STATE"] = Path.Combine(_root, "state"),
                ["PINEURONS_TRIAL_DROPIN"] = DropIn,
                ["PINEURONS_RELEASE_SYSTEMD"] = "0",
            },
        });
}
