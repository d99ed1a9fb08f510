using System.Text.Json.Nodes;
using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// A file for Mosquitto's dynamic-security plugin of the shape `pineurons secrets` writes, made without the CLI (this
/// project does not reference src/): mosquitto_ctrl's own offline init gives one valid password hash, and since the
/// hash does not depend on the user name, every client here reuses it. Its defaults deny, as the generated file's do.
/// </summary>
internal static class DynamicSecurityTestFile
{
    /// <summary>Writes <paramref name="path"/>: each of <paramref name="logins"/> (a user and the client id it is pinned
    /// to, or null for none) with <paramref name="password"/> and the right to publish, subscribe to and receive
    /// <paramref name="topics"/>.</summary>
    public static void Write(string path, string password, string topics, params (string User, string? ClientId)[] logins)
    {
        var init = path + ".init";
        var result = ChildProcess.Run("mosquitto_ctrl", ["dynsec", "init", init, "admin", password], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"mosquitto_ctrl dynsec init: {result}");

        // init's admin client has $CONTROL rights, which no cluster file gives: only its password fields are kept.
        var admin = JsonNode.Parse(File.ReadAllText(init))!["clients"]![0]!;
        File.Delete(init);
        var file = new JsonObject
        {
            ["defaultACLAccess"] = new JsonObject
            {
                ["publishClientSend"] = false, ["publishClientReceive"] = false, ["subscribe"] = false, ["unsubscribe"] = true,
            },
            ["clients"] = new JsonArray([.. logins.Select(l => Client(l.User, l.ClientId, admin))]),
            ["groups"] = new JsonArray(),
            ["roles"] = new JsonArray(new JsonObject
            {
                ["rolename"] = "cluster",
                ["acls"] = new JsonArray([.. new[] { "publishClientSend", "subscribePattern", "publishClientReceive" }
                    .Select(type => new JsonObject { ["acltype"] = type, ["topic"] = topics, ["allow"] = true })]),
            }),
        };
        File.WriteAllText(path, file.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto reads it after dropping root for its own user.
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        }
    }

    private static JsonObject Client(string user, string? clientId, JsonNode admin)
    {
        var client = new JsonObject { ["username"] = user };
        if (clientId is not null)
        {
            client["clientid"] = clientId;
        }

        foreach (var key in new[] { "password", "salt", "iterations" })
        {
            client[key] = admin[key]!.DeepClone();
        }

        client["roles"] = new JsonArray(new JsonObject { ["rolename"] = "cluster" });
        return client;
    }
}
