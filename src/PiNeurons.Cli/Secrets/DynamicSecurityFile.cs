using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The one file of Mosquitto's dynamic-security plugin (<c>plugin_opt_config_file</c>), written offline: every login
/// (a client), what it may do (its role, <see cref="BrokerRoles"/>) and the defaults for what no role says. The plugin
/// rather than a password file and an ACL because it can pin a login to one client id: a neuron's login connects with
/// its node's client id and no other, so it cannot take over another neuron's session or the aggregator's, while the
/// operators' and the aggregator's logins, not pinned, each hold several connections at once.
/// The file gives no client <c>$CONTROL</c> rights: the plugin obeys such commands at run time (in memory even when it
/// cannot save them), so without them this file is all the broker knows, until it is restarted on a new one.
/// </summary>
internal static class DynamicSecurityFile
{
    public const string FileName = "dynamic-security.json";

    // The plugin's key names, as mosquitto_ctrl 2.0.11 writes them (it looks them up ignoring case).
    private const string Clients = "clients";
    private const string UserName = "username";
    private const string Password = "password";

    // Written out rather than left to the plugin: with the key missing, Mosquitto 2.0.11 denies UNSUBSCRIBE too, which an
    // MQTT 3.1.1 client is not even told of. Everything else is denied unless a role allows it.
    private static readonly JsonObject Defaults = new()
    {
        ["publishClientSend"] = false,
        ["publishClientReceive"] = false,
        ["subscribe"] = false,
        ["unsubscribe"] = true,
    };

    // Unescaped '+' and '/' (in topic filters and base64), for the person who reads the file; it never goes into HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file's text for <paramref name="clients"/>, each referring to one of <paramref name="roles"/>.</summary>
    public static string Build(IEnumerable<BrokerClient> clients, IEnumerable<BrokerRole> roles)
    {
        var file = new JsonObject
        {
            ["defaultACLAccess"] = Defaults.DeepClone(),
            [Clients] = new JsonArray([.. clients.Select(Client)]),
            ["groups"] = new JsonArray(),
            ["roles"] = new JsonArray([.. roles.Select(Role)]),
        };
        return file.ToJsonString(Indented) + "\n";
    }

    /// <summary>The user names of the clients with a password; the others log in by certificate only.</summary>
    /// <exception cref="JsonException">The text is not such a file.</exception>
    public static IReadOnlySet<string> PasswordUsers(string json)
    {
        var clients = JsonNode.Parse(json)?[Clients] as JsonArray ?? throw new JsonException($"no '{Clients}' list");
        return clients
            .Where(c => c?[Password] is JsonValue)
            .Select(c => c?[UserName]?.GetValue<string>() ?? throw new JsonException($"a client without a {UserName}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static JsonObject Client(BrokerClient client)
    {
        var json = new JsonObject { [UserName] = client.User, ["textname"] = client.What };
        if (client.ClientId is { } id)
        {
            json["clientid"] = id;
        }

        if (client.Password is { } stored)
        {
            json[Password] = stored.Hash;
            json["salt"] = stored.Salt;
            json["iterations"] = stored.Iterations;
        }

        json["roles"] = new JsonArray(new JsonObject { ["rolename"] = client.Role });
        return json;
    }

    private static JsonObject Role(BrokerRole role) => new()
    {
        ["rolename"] = role.Name,
        ["acls"] = new JsonArray([.. role.Acls.Select(a => new JsonObject { ["acltype"] = a.Type, ["topic"] = a.Topic, ["allow"] = true })]),
    };
}
