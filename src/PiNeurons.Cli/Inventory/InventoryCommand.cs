using PiNeurons.Core;
using System.CommandLine;
using System.Text.RegularExpressions;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Inventory;

/// <summary><c>pineurons inventory MANIFEST</c>: print the Ansible inventory deploy/ansible/deploy.yml runs against.</summary>
internal static partial class InventoryCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var file = ManifestFile.NewOption("the cluster manifest YAML (the file every Pi gets)");
        var format = new Option<string>("--format") { Description = "ini or yaml (default: ini)", DefaultValueFactory = _ => "ini" };
        var user = new Option<string?>("--user") { Description = "SSH user for every Pi, written as ansible_user (default: none, Ansible's own)" };
        var domain = new Option<string>("--domain")
        {
            Description = "domain appended to each hostname for ansible_host (default: local, i.e. mDNS; \"\" for the bare hostname)",
            DefaultValueFactory = _ => "local",
        };
        var command = new Command(
            "inventory",
            "Print the Ansible inventory of the manifest's Pis for deploy/ansible/deploy.yml.\n"
            + "Example: pineurons inventory --manifest firmware-config/xor.yaml --user pi > inventory.ini");
        command.Options.Add(file);
        // The inventory names the broker and root the Pis use; it connects to nothing, so no login options.
        command.Options.Add(mqttOptions.Broker);
        command.Options.Add(mqttOptions.Root);
        command.Options.Add(format);
        command.Options.Add(user);
        command.Options.Add(domain);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var path = pr.GetValue(file)!;
            var kind = ParseFormat(pr.GetValue(format));
            var domainText = RequireDomain(pr.GetValue(domain) ?? string.Empty);
            var userName = RequireUser(pr.GetValue(user));
            var manifest = await ManifestFile.LoadAsync(path, ct);
            // The manifest's root and broker are what the nodes use, so they count unless --root/--broker
            // are on the command line; PINEURONS_BROKER is this machine's setting and applies only when the
            // manifest names no broker (the context has validated all three already).
            var root = IsExplicit(pr, mqttOptions.Root) ? context.Topics.Root : manifest.Root;
            var broker = IsExplicit(pr, mqttOptions.Broker) || manifest.Broker is null ? context.Broker : ParseBroker(manifest.Broker);
            var settings = new InventorySettings(root, broker, domainText, userName);
            await context.Output.WriteAsync(InventoryFormatter.Format(manifest, settings, kind, path));
            // The logins come later, from the playbook's variables, which install the secrets' CA for an mqtts:// broker.
            await BrokerLoginRule.WarnAsync(context.Error, "inventory", BrokerLoginRule.Check(broker, new NodeLogin(NodeLoginKind.Unknown, CaInstalled: broker.AllUseTls)));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static bool IsExplicit(ParseResult pr, Option option) => pr.GetResult(option) is { Implicit: false };

    private static BrokerList ParseBroker(string text) =>
        BrokerList.TryParse(text, out var broker, out var problem) ? broker : throw new CliUsageException("manifest broker: " + problem);

    private static InventoryFormat ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        "ini" => InventoryFormat.Ini,
        "yaml" or "yml" => InventoryFormat.Yaml,
        _ => throw new CliUsageException($"--format '{text}' is not known: use ini or yaml"),
    };

    private static string RequireDomain(string domain) =>
        domain.Length == 0 || DomainPattern().IsMatch(domain)
            ? domain
            : throw new CliUsageException($"--domain '{domain}' is not a DNS domain (labels of A-Z a-z 0-9 - separated by '.')");

    private static string? RequireUser(string? user) =>
        user is null || UserPattern().IsMatch(user)
            ? user
            : throw new CliUsageException($"--user '{user}' is not a user name (1 to 32 of a-z A-Z 0-9 _ . -, not starting with '-')");

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex UserPattern();
}
