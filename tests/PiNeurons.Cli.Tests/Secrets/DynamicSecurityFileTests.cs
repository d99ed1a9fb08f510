using System.Text.Json.Nodes;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core;
using PiNeurons.Core.Manifest;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>The dynamic-security file: its password fields against the real mosquitto_ctrl, and its logins, pins,
/// defaults and roles exactly (LockedBrokerTests and CertificateBrokerTests run it on a real broker).</summary>
public sealed class DynamicSecurityFileTests : IDisposable
{
    private const string Root = "pineurons";
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Password_SameSaltAsMosquittoCtrl_IsTheHashMosquittoCtrlWrites()
    {
        const string Password = "pässword/with:odd$chars";
        var file = Path.Combine(_out.Root, "ctrl.json");
        var init = await ChildProcess.RunAsync("mosquitto_ctrl", ["dynsec", "init", file, "admin", Password], TimeSpan.FromSeconds(30));
        Assert.True(init.ExitCode == 0, $"mosquitto_ctrl dynsec init: {init}");

        var admin = JsonNode.Parse(await File.ReadAllTextAsync(file))!["clients"]!.AsArray().Single()!;
        var theirs = new StoredPassword(admin["password"]!.GetValue<string>(), admin["salt"]!.GetValue<string>(), admin["iterations"]!.GetValue<int>());
        Assert.Equal(DynamicSecurityPassword.Iterations, theirs.Iterations);
        Assert.Equal(DynamicSecurityPassword.SaltBytes, Convert.FromBase64String(theirs.Salt).Length);
        Assert.Equal(DynamicSecurityPassword.HashBytes, Convert.FromBase64String(theirs.Hash).Length);

        Assert.Equal(theirs, DynamicSecurityPassword.Store(Password, Convert.FromBase64String(theirs.Salt)));
        Assert.True(DynamicSecurityPassword.Verify(theirs, Password));
        Assert.False(DynamicSecurityPassword.Verify(theirs, "password"));
    }

    [Fact]
    public async Task File_Xor_DeniesByDefaultPinsOnlyNeuronsAndGrantsNoControl()
    {
        Assert.True((await _out.RunAsync()).ExitCode == ExitCodes.Ok);
        var file = _out.DynamicSecurity();

        Assert.Equal(
            """{"publishClientSend":false,"publishClientReceive":false,"subscribe":false,"unsubscribe":true}""",
            file["defaultACLAccess"]!.ToJsonString());
        Assert.Empty(file["groups"]!.AsArray());
        Assert.Equal(["clients", "defaultACLAccess", "groups", "roles"], file.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var clients = _out.Clients();
        Assert.Equal(["operator", "aggregator", "x", "y", "h1", "h2", "h3", "z"], clients.Select(c => Text(c, "username")));
        // The operators' and the aggregator's logins may connect several times, each neuron's only as its node does.
        Assert.Equal(
            [null, null, "pineurons-x", "pineurons-y", "pineurons-h1", "pineurons-h2", "pineurons-h3", "pineurons-z"],
            clients.Select(c => c["clientid"]?.GetValue<string>()));
        Assert.Equal(
            ["operator", "aggregator", "neuron-x", "neuron-y", "neuron-h1", "neuron-h2", "neuron-h3", "neuron-z"],
            clients.Select(c => Text(c["roles"]!.AsArray().Single()!, "rolename")));
        Assert.Equal(clients.Select(c => Text(c["roles"]![0]!, "rolename")), file["roles"]!.AsArray().Select(r => Text(r!, "rolename")));
        Assert.All(clients, c => Assert.Equal(DynamicSecurityPassword.Iterations, c["iterations"]!.GetValue<int>()));
        // No rule names $CONTROL, so nothing can change the rules while the broker runs.
        Assert.DoesNotContain("$CONTROL", file.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_Xor_GiveEachLoginExactlyItsTopics()
    {
        Assert.True((await _out.RunAsync()).ExitCode == ExitCodes.Ok);

        var roles = _out.DynamicSecurity()["roles"]!.AsArray().ToDictionary(r => Text(r!, "rolename"), r => Acls(r!["acls"]!.AsArray()));

        Assert.Equal(
        [
            Send("pineurons/#"), SubscribePattern("pineurons/#"), Receive("pineurons/#"),
            Send("pineurons-replies/#"), SubscribePattern("pineurons-replies/#"), Receive("pineurons-replies/#"),
        ], roles["operator"]);
        Assert.Equal(
        [
            SubscribePattern("pineurons/+/events"), Receive("pineurons/+/events"),
            SubscribePattern("pineurons/+/status"), Receive("pineurons/+/status"),
            SubscribePattern("pineurons/+/state"), Receive("pineurons/+/state"),
            SubscribePattern("$share/+/pineurons/+/events"),
            Send("pineurons/+/kick"), Send("pineurons/+/fire"), Send("pineurons/+/set"), Send("pineurons/+/teach"),
        ], roles["aggregator"]);
        Assert.Equal(Neuron("x", "h1", "h2"), roles["neuron-x"]);
        Assert.Equal(Neuron("y", "h2", "h3"), roles["neuron-y"]);
        Assert.Equal(Neuron("h1", "z"), roles["neuron-h1"]);
        Assert.Equal(Neuron("h2", "z"), roles["neuron-h2"]);
        Assert.Equal(Neuron("h3", "z"), roles["neuron-h3"]);
        Assert.Equal(Neuron("z"), roles["neuron-z"]);
        Assert.All(roles.Values.SelectMany(r => r), acl => Assert.True(acl.Allow));
    }

    [Fact]
    public void Roles_RootWithLevels_UseItForTopicsRepliesAndTheSharedSubscription()
    {
        var manifest = ClusterManifest.Parse("hosts:\n  pi-a:\n    neurons:\n      a:\n", "m.yaml");

        Assert.Contains(new RoleAcl(RoleAcl.SubscribePattern, "lab/b-replies/#"), BrokerRoles.Operator(manifest, "lab/b").Acls);
        Assert.Contains(new RoleAcl(RoleAcl.SubscribePattern, "$share/+/lab/b/+/events"), BrokerRoles.Aggregator("lab/b").Acls);
        var neuron = BrokerRoles.Neuron(manifest, "lab/b", manifest.Neurons.Single()).Acls;
        Assert.Contains(new RoleAcl(RoleAcl.Send, "lab/b/a/status"), neuron);
        Assert.Contains(new RoleAcl(RoleAcl.Send, "lab/b-replies/+"), neuron);
        Assert.Contains(new RoleAcl(RoleAcl.SubscribeLiteral, "lab/b/a/kick"), neuron);
    }

    [Fact]
    public void Roles_HomeAssistantDiscoveryOn_NeuronsAnnounceOperatorsLikeHomeAssistantReadAndSayOnline()
    {
        var manifest = ClusterManifest.Parse("homeAssistant: { discovery: true, prefix: ha }\nhosts:\n  pi-a:\n    neurons:\n      a:\n", "m.yaml");

        var neuron = BrokerRoles.Neuron(manifest, Root, manifest.Neurons.Single()).Acls;
        var op = BrokerRoles.Operator(manifest, Root).Acls;

        Assert.Equal(
            [new RoleAcl(RoleAcl.Send, "ha/#"), new RoleAcl(RoleAcl.SubscribeLiteral, "ha/status"), new RoleAcl(RoleAcl.Receive, "ha/status")],
            neuron.Where(a => a.Topic.StartsWith("ha/", StringComparison.Ordinal)));
        Assert.Equal(
            [new RoleAcl(RoleAcl.Send, "ha/#"), new RoleAcl(RoleAcl.SubscribePattern, "ha/#"), new RoleAcl(RoleAcl.Receive, "ha/#")],
            op.Where(a => a.Topic.StartsWith("ha/", StringComparison.Ordinal)));
        Assert.DoesNotContain(BrokerRoles.Aggregator(Root).Acls, a => a.Topic.Contains("ha/", StringComparison.Ordinal));
    }

    private static string Text(JsonNode node, string key) => node[key]!.GetValue<string>();

    private static List<Acl> Acls(JsonArray acls) =>
        [.. acls.Select(a => new Acl(Text(a!, "acltype"), Text(a!, "topic"), a!["allow"]!.GetValue<bool>()))];

    private static Acl Send(string topic) => new(RoleAcl.Send, topic, true);

    private static Acl Receive(string topic) => new(RoleAcl.Receive, topic, true);

    private static Acl SubscribePattern(string topic) => new(RoleAcl.SubscribePattern, topic, true);

    private static Acl SubscribeLiteral(string topic) => new(RoleAcl.SubscribeLiteral, topic, true);

    // Its own publications, its five commands (subscribed by name), replies, then the kick of each connection.
    private static Acl[] Neuron(string id, params string[] connections) =>
    [
        Send($"pineurons/{id}/status"), Send($"pineurons/{id}/state"), Send($"pineurons/{id}/events"), Send($"pineurons/{id}/sensors/#"),
        .. new[] { "kick", "fire", "query", "set", "teach" }.SelectMany(c => new[] { SubscribeLiteral($"pineurons/{id}/{c}"), Receive($"pineurons/{id}/{c}") }),
        Send("pineurons-replies/+"),
        .. connections.Select(c => Send($"pineurons/{c}/kick")),
    ];

    private sealed record Acl(string Type, string Topic, bool Allow);
}
