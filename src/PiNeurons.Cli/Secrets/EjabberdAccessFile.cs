using System.Globalization;
using System.Text;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The topic rules of ejabberd's mod_mqtt for a cluster, from the same roles as Mosquitto's (<see cref="BrokerRoles"/>):
/// an ACL per role naming its users, and two macros, a map from topic filter to the ACLs allowed there, for mod_mqtt's
/// <c>access_publish</c> and <c>access_subscribe</c>. Included from ejabberd.yml (<c>include_config_file</c>) as macros
/// rather than a <c>modules:</c> section, because an included <c>mod_mqtt</c> would clash with the one in ejabberd.yml
/// ("Duplicated option: mod_mqtt", measured on 23.01), where the queue and session settings belong.
/// </summary>
/// <remarks>
/// What mod_mqtt 23.01 does with them (read from its code, tested on a real cluster in
/// tests/PiNeurons.Cli.Tests/Secrets/EjabberdBrokerTests.cs): a PUBLISH is allowed when some filter matches its topic and
/// an ACL of that filter names the user; a SUBSCRIBE likewise, its own filter matched part by part, so a rule's
/// <c>+</c> takes any part while a subscription's <c>+</c> or <c>#</c> matches only a <c>+</c> or <c>#</c> of the rule:
/// <c>pineurons/#</c> allows <c>pineurons/+/events</c>, <c>pineurons/h1/kick</c> allows nothing wider. Nothing is checked
/// on delivery: a subscription allowed is what a client receives. Both maps are never empty: an empty map allows
/// everything. mod_mqtt's filters also take <c>%u</c> (the user) and <c>%c</c> (the client id), but a neuron's rules are
/// written out per neuron, as Mosquitto's roles are: its kicks name its own connections anyway, and <c>%u</c> compares
/// the topic level ignoring case (as ejabberd compares user names), where topics are otherwise matched exactly.
/// </remarks>
internal static class EjabberdAccessFile
{
    public const string FileName = "ejabberd-access.yml";

    /// <summary>The macro mod_mqtt's <c>access_publish</c> names.</summary>
    public const string PublishMacro = "PINEURONS_ACCESS_PUBLISH";

    /// <summary>The macro mod_mqtt's <c>access_subscribe</c> names.</summary>
    public const string SubscribeMacro = "PINEURONS_ACCESS_SUBSCRIBE";

    // Mosquitto's shared subscriptions; mod_mqtt has none (a SUBSCRIBE to $share/... drops the whole connection).
    private const string SharedPrefix = "$share/";

    /// <summary>The file's text: each role with the users who have it (lower case: ejabberd compares user names so).</summary>
    public static string Build(IEnumerable<(BrokerRole Role, IReadOnlyList<string> Users)> roles)
    {
        var list = roles.ToList();
        var publish = Rules(list, a => a.Type == RoleAcl.Send);
        var subscribe = Rules(list, a => a.Type is RoleAcl.SubscribePattern or RoleAcl.SubscribeLiteral && !a.Topic.StartsWith(SharedPrefix, StringComparison.Ordinal));
        var text = new StringBuilder()
            .Append("# Who may publish and subscribe to what on ejabberd's mod_mqtt: made by `pineurons secrets --broker-kind ejabberd`\n")
            .Append("# from the cluster manifest (docs/security.md); regenerate it rather than edit it. ejabberd.yml includes it and\n")
            .Append("# names its two macros (deploy/ejabberd/ejabberd.yml):\n")
            .Append("#   include_config_file: /etc/ejabberd/pineurons/ejabberd-access.yml\n")
            .Append(CultureInfo.InvariantCulture, $"#   modules: {{mod_mqtt: {{access_publish: {PublishMacro}, access_subscribe: {SubscribeMacro}, ...}}}}\n")
            .Append("# A PUBLISH or SUBSCRIBE is allowed when a filter below matches its topic and an ACL listed there names the user;\n")
            .Append("# anything else is refused. The logins themselves are made by ejabberd-users.sh. After a new file, run\n")
            .Append("# `ejabberdctl reload_config` on every node (each reads its own copy).\n")
            .Append("# Mosquitto's shared subscription for the aggregator's replicas is left out: mod_mqtt has none.\n")
            .Append("acl:\n");
        foreach (var (role, users) in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {AclName(role)}:\n    user: [{string.Join(", ", users.Select(u => u.ToLowerInvariant()))}]\n");
        }

        text.Append("define_macro:\n");
        AppendMap(text, PublishMacro, publish);
        AppendMap(text, SubscribeMacro, subscribe);
        return text.ToString();
    }

    /// <summary>The ACL of <paramref name="role"/>: <c>pineurons_</c> and the role's name, apart from any ACL of ejabberd.yml.</summary>
    public static string AclName(BrokerRole role) => "pineurons_" + (role ?? throw new ArgumentNullException(nameof(role))).Name;

    // Each filter once, in the order the roles first name it, with every role that has it.
    private static List<(string Filter, List<string> Acls)> Rules(List<(BrokerRole Role, IReadOnlyList<string> Users)> roles, Func<RoleAcl, bool> kind)
    {
        var rules = new List<(string Filter, List<string> Acls)>();
        foreach (var (role, _) in roles)
        {
            foreach (var filter in role.Acls.Where(kind).Select(a => a.Topic).Distinct(StringComparer.Ordinal))
            {
                var at = rules.FindIndex(r => r.Filter == filter);
                if (at < 0)
                {
                    rules.Add((filter, [AclName(role)]));
                }
                else if (!rules[at].Acls.Contains(AclName(role)))
                {
                    rules[at].Acls.Add(AclName(role));
                }
            }
        }

        if (rules.Count == 0)
        {
            throw new InvalidOperationException("no rule at all: mod_mqtt would allow everything");
        }

        return rules;
    }

    private static void AppendMap(StringBuilder text, string macro, List<(string Filter, List<string> Acls)> rules)
    {
        text.Append(CultureInfo.InvariantCulture, $"  {macro}:\n");
        foreach (var (filter, acls) in rules)
        {
            // One allow per ACL: several ACLs in one allow would all have to match the same user.
            text.Append(CultureInfo.InvariantCulture, $"    {Quoted(filter)}:\n");
            foreach (var acl in acls)
            {
                text.Append(CultureInfo.InvariantCulture, $"      - allow: {acl}\n");
            }
        }
    }

    // Topic filters hold '#' and '+', which YAML reads otherwise unquoted; ids and roots hold nothing to escape.
    private static string Quoted(string filter) => "\"" + filter.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
