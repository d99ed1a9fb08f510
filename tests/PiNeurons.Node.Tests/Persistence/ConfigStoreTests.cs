using Microsoft.Extensions.Logging.Abstractions;
using PiNeurons.Core.Model;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Tests.Persistence;

/// <summary>Keep the last good copy, never start from an empty or corrupt file, and say so.</summary>
public sealed class ConfigStoreTests : IDisposable
{
    private static readonly NeuronConfig Manifest = NeuronConfig.Default with { Threshold = 1.5 };
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-configstore-").FullName;
    private readonly ConfigStore _store;

    public ConfigStoreTests() => _store = new ConfigStore(_dir, NullLogger<ConfigStore>.Instance);

    [Fact]
    public void Save_Twice_CurrentIsNewestAndBackupIsThePreviousGeneration()
    {
        _store.Save("n", Manifest with { Threshold = 0.25 }, Manifest);
        _store.Save("n", Manifest with { Threshold = 0.5 }, Manifest);

        Assert.Equal(0.5, _store.Load("n")!.Config.Threshold);
        Assert.Contains("0.25", File.ReadAllText(_store.BackupOf("n")), StringComparison.Ordinal);
        Assert.False(File.Exists(_store.PathOf("n") + ".tmp"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"config\":{\"threshold\":0.5")]
    [InlineData("\0\0\0\0")]
    [InlineData("{\"config\":{\"threshold\":\"x\"},\"manifestConfig\":{}}")]
    public void Resolve_CurrentCorruptOrEmpty_LastGoodCopyAndAProblem(string corrupt)
    {
        _store.Save("n", Manifest with { Threshold = 0.25 }, Manifest);
        _store.Save("n", Manifest with { Threshold = 0.5 }, Manifest);
        File.WriteAllText(_store.PathOf("n"), corrupt);

        var resolved = _store.Resolve("n", Manifest);

        Assert.Equal(0.25, resolved.Config.Threshold);
        Assert.Contains("last good copy", resolved.Problem, StringComparison.Ordinal);
        // Set aside, so the next save does not rotate the corrupt file over the good copy.
        Assert.False(File.Exists(_store.PathOf("n")));
        Assert.True(File.Exists(_store.PathOf("n") + ".corrupt"));
        _store.Save("n", Manifest with { Threshold = 0.75 }, Manifest);
        Assert.Equal(0.75, _store.Resolve("n", Manifest).Config.Threshold);
        Assert.Contains("0.25", File.ReadAllText(_store.BackupOf("n")), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CrashBetweenTheRenames_LastGoodCopyAndAProblem()
    {
        _store.Save("n", Manifest with { Threshold = 0.25 }, Manifest);
        _store.Save("n", Manifest with { Threshold = 0.5 }, Manifest);
        File.Move(_store.PathOf("n"), _store.PathOf("n") + ".tmp"); // as if killed before the second rename

        var resolved = _store.Resolve("n", Manifest);

        Assert.Equal(0.25, resolved.Config.Threshold);
        Assert.Contains("missing", resolved.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothUnreadable_ManifestAndAProblem()
    {
        _store.Save("n", Manifest with { Threshold = 0.25 }, Manifest);
        _store.Save("n", Manifest with { Threshold = 0.5 }, Manifest);
        File.WriteAllText(_store.PathOf("n"), "{");
        File.WriteAllText(_store.BackupOf("n"), string.Empty);

        var resolved = _store.Resolve("n", Manifest);

        Assert.Equal(Manifest, resolved.Config);
        Assert.Contains("unreadable too", resolved.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NeverSaved_ManifestWithoutAProblem()
    {
        var resolved = _store.Resolve("n", Manifest);

        Assert.Equal(Manifest, resolved.Config);
        Assert.Null(resolved.Problem);
    }

    [Fact]
    public void Resolve_GoodCurrent_NoProblem()
    {
        _store.Save("n", Manifest with { Threshold = 0.5 }, Manifest);

        var resolved = _store.Resolve("n", Manifest);

        Assert.Equal(0.5, resolved.Config.Threshold);
        Assert.Null(resolved.Problem);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
