using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Core;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary><c>pineurons status</c> against real nodes on a real Mosquitto: one neuron stopped, one never started.</summary>
public sealed class StatusCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private string Url => fixture.Broker.Url;

    [Fact]
    public async Task Status_OneNodeStopped_ListsOnlineAndOfflineWithVersionsAndExitsFailed()
    {
        using var running = await StartNodeAsync("st1", "a,b");
        using (var stopped = await StartNodeAsync("st1", "c"))
        {
            await stopped.StopAsync();
        }

        var result = await CliRun.RunAsync("status", "--root", "st1", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var lines = Lines(result.Output);
        Assert.Equal(["neuron", "status", "version", "fired", "last", "fired", "clock"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var version = $"{BuildInfo.Version} ({BuildInfo.Commit[..7]})";
        Assert.Equal(["a", "online", .. version.Split(' '), "0", "-", "synchronized"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("b  ", lines[2], StringComparison.Ordinal);
        Assert.Equal(["c", "offline"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);
        Assert.Equal("3 neurons: 1 offline, 2 online", lines[4]);
    }

    [Fact]
    public async Task Status_ManifestWithANeuronThatNeverCameUp_ListsItMissingWithHostsAndExitsFailed()
    {
        using var running = await StartNodeAsync("st2", "a,b");
        var manifest = await ManifestFileAsync("version: 1\nroot: st2\nhosts:\n  pi-a:\n    neurons:\n      a: {}\n      b: {}\n  pi-d:\n    neurons:\n      d: {}\n");

        var result = await CliRun.RunAsync("status", "--manifest", manifest, "--json", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var neurons = NeuronsById(json);
        Assert.Equal(["a", "b", "d"], neurons.Keys.Order());
        Assert.Equal("online", neurons["a"].GetProperty("status").GetString());
        Assert.Equal("pi-a", neurons["a"].GetProperty("host").GetString());
        Assert.Equal(BuildInfo.Full, neurons["a"].GetProperty("version").GetString());
        Assert.Equal("missing", neurons["d"].GetProperty("status").GetString());
        Assert.Equal("pi-d", neurons["d"].GetProperty("host").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("missing").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("online").GetInt32());
    }

    [Fact]
    public async Task Status_EveryNeuronOnline_ExitsOk()
    {
        using var running = await StartNodeAsync("st3", "a");

        var result = await CliRun.RunAsync("status", "--root", "st3", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("1 neurons: 1 online", Lines(result.Output)[^1]);
    }

    [Fact]
    public async Task Status_NeuronsOnTwoVersions_EndsWithTheMixedVersionsLineAndStillExitsOk()
    {
        const string older = "0.0.9+1234567890abcdef1234567890abcdef12345678";
        using var running = await StartNodeAsync("st5", "a,b");
        await FakeNeuron.AnnounceAsync(Url, "old", root: "st5", state: FakeNeuron.State("old", version: older));

        var table = await CliRun.RunAsync("status", "--root", "st5", "--broker", Url);
        var json = await CliRun.RunAsync("status", "--root", "st5", "--json", "--broker", Url);

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        var lines = Lines(table.Output);
        Assert.Equal("3 neurons: 3 online", lines[^2]);
        Assert.Equal($"mixed versions: {BuildInfo.Version} ({BuildInfo.Commit[..7]}) on 2 neurons (a, b); 0.0.9 (1234567) on 1 neuron (old)", lines[^1]);
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("mixedVersions").GetBoolean());
        Assert.Equal(
            [(BuildInfo.Full, "a,b"), (older, "old")],
            document.RootElement.GetProperty("versions").EnumerateArray()
                .Select(v => (v.GetProperty("version").GetString(), string.Join(',', v.GetProperty("neurons").EnumerateArray().Select(n => n.GetString())))));
    }

    [Fact]
    public async Task Status_OneVersionAndANodeTooOldToPublishOne_HasNoMixedVersionsLine()
    {
        using var running = await StartNodeAsync("st6", "a");
        await FakeNeuron.AnnounceAsync(Url, "same", root: "st6", state: FakeNeuron.State("same", version: BuildInfo.Full));
        await FakeNeuron.AnnounceAsync(Url, "older", root: "st6", state: FakeNeuron.State("older"));

        var table = await CliRun.RunAsync("status", "--root", "st6", "--broker", Url);
        var json = await CliRun.RunAsync("status", "--root", "st6", "--json", "--broker", Url);

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Equal("3 neurons: 3 online", Lines(table.Output)[^1]);
        Assert.DoesNotContain("mixed versions", table.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("mixedVersions").GetBoolean());
        var versions = document.RootElement.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(BuildInfo.Full, Assert.Single(versions).GetProperty("version").GetString());
        Assert.Equal(["a", "same"], versions[0].GetProperty("neurons").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Status_RetainedStatusClearedOrOffline_AsksThoseNeuronsAndShowsOnlineTheOneThatAnswered()
    {
        using var running = await StartNodeAsync("st7", "a,b");
        await ClearRetainedAsync("st7/b/status");
        await FakeNeuron.AnnounceAsync(Url, "gone", status: "offline", root: "st7");

        var result = await CliRun.RunAsync("status", "--root", "st7", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var lines = Lines(result.Output);
        var version = $"{BuildInfo.Version} ({BuildInfo.Commit[..7]})";
        Assert.Equal(["a", "online", .. version.Split(' '), "0", "-", "synchronized"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["b", "online", "(answered", "query)", .. version.Split(' '), "0", "-", "synchronized"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["gone", "offline", "(no", "answer", "to", "query)"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..6]);
        Assert.Equal("3 neurons: 1 offline, 2 online", lines[4]);
        Assert.Matches(@"^asked directly, as nothing retained shows them online: b answered; gone did not answer within \d+(\.\d)? s$", lines[5]);
    }

    [Fact]
    public async Task Status_ManifestNeuronWithNothingRetained_AnswersTheQuerySoEveryNeuronIsOnlineAndTheJsonSaysWhichWasAsked()
    {
        using var running = await StartNodeAsync("st8", "a,b");
        await ClearRetainedAsync("st8/b/status");
        await ClearRetainedAsync("st8/b/state");
        var manifest = await ManifestFileAsync("version: 1\nroot: st8\nhosts:\n  pi-a:\n    neurons:\n      a: {}\n      b: {}\n");

        var result = await CliRun.RunAsync("status", "--manifest", manifest, "--json", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var neurons = NeuronsById(json);
        Assert.Equal(("online", true, true), Asked(neurons["b"]));
        Assert.Equal(BuildInfo.Full, neurons["b"].GetProperty("version").GetString());
        Assert.Equal("online", neurons["a"].GetProperty("status").GetString());
        Assert.False(neurons["a"].GetProperty("asked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, neurons["a"].GetProperty("answered").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("missing").GetInt32());
    }

    [Fact]
    public async Task Status_NothingUnderTheRoot_SaysSoAndExitsFailed()
    {
        var result = await CliRun.RunAsync("status", "--root", "st-empty", "--broker", Url);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("no neuron is known under the root 'st-empty'", result.Output, StringComparison.Ordinal);
    }

    private static (string?, bool, bool) Asked(JsonElement neuron) =>
        (neuron.GetProperty("status").GetString(), neuron.GetProperty("asked").GetBoolean(), neuron.GetProperty("answered").GetBoolean());

    // An empty retained message deletes what the broker retains on the topic, as an operator clears a stale one.
    private async Task ClearRetainedAsync(string topic)
    {
        await using var client = await MqttProbe.ConnectAsync(Url);
        await client.PublishAsync(topic, string.Empty, retain: true);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A node as the node's Program runs it, in this process: its neurons' statuses are retained "online" once it started.
    private async Task<IHost> StartNodeAsync(string root, string neurons)
    {
        var host = NodeHost.Build(
            NodePlanner.Create(new NodeOptions
            {
                Neurons = neurons,
                Root = root,
                Broker = Url,
                StateDir = Directory.CreateTempSubdirectory("pineurons-status-node-").FullName,
            }, hostname: "test", stateDirectoryEnv: null),
            LogLevel.Warning);
        await using var watcher = await MqttProbe.ConnectAsync(Url, $"{root}/+/status");
        await host.StartAsync();
        foreach (var id in neurons.Split(','))
        {
            await watcher.WaitForAsync($"{root}/{id}/status", "online");
        }

        return host;
    }

    // A manifest of the test's own, for --manifest.
    private static async Task<string> ManifestFileAsync(string yaml)
    {
        var manifest = Path.Combine(Directory.CreateTempSubdirectory("pineurons-status-").FullName, "cluster.yaml");
        await File.WriteAllTextAsync(manifest, yaml);
        return manifest;
    }

    // status --json's neurons, by id.
    private static Dictionary<string, JsonElement> NeuronsById(JsonDocument json) =>
        json.RootElement.GetProperty("neurons").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
}
