using PiNeurons.Core;
using System.CommandLine;
using System.Globalization;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Secrets;

/// <summary><c>pineurons secrets</c>: the CA, the broker's certificate, every login and what the broker needs to know them
/// (Mosquitto's dynamic-security file, or an ejabberd cluster's topic rules, user script and cookie), from the manifest.</summary>
internal static class SecretsCommand
{
    public const int DefaultDays = 730;

    public static Command Create()
    {
        var manifest = ManifestFile.NewOption("the cluster manifest YAML");
        var outDir = new Option<string>("--out") { Description = "folder for the files (created; mode 0755, passwords/ and clients/ 0700)", Required = true };
        var caCert = new Option<string?>("--ca-cert") { Description = "an existing CA certificate (PEM) to sign with, e.g. DIR/ca.crt of an earlier run; with --ca-key" };
        var caKey = new Option<string?>("--ca-key") { Description = "the private key (PEM) of --ca-cert" };
        var brokerHost = new Option<string[]>("--broker-host")
        {
            Description = "another DNS name or IP address the Pis use for the broker, added to its certificate (repeatable)",
            DefaultValueFactory = _ => [],
        };
        var days = new Option<int>("--days") { Description = $"validity of the broker's certificate and the neurons' client certificates, in days (default {DefaultDays})", DefaultValueFactory = _ => DefaultDays };
        var auth = new Option<string>("--auth")
        {
            Description = "how neurons log in: password (default; a password each, on the broker's 8883) or certificate (a client "
                + "certificate each, CN = the neuron id, on the broker's 8884; no neuron passwords). The aggregator and operators always use passwords",
            DefaultValueFactory = _ => "password",
        };
        var brokerKind = new Option<string>("--broker-kind")
        {
            Description = "the broker the logins and rules are for: mosquitto (default; dynamic-security.json) or ejabberd (a cluster of ejabberd "
                + "nodes with mod_mqtt: ejabberd-access.yml, ejabberd-users.sh, ejabberd-cookie; deploy/ejabberd/README.md)",
            DefaultValueFactory = _ => "mosquitto",
        };
        var force = new Option<bool>("--force") { Description = "replace the files of an earlier run in --out; its passwords/ files and clients/ keys are kept (client certificates are reissued for the kept keys)" };
        var command = new Command("secrets", Help);
        foreach (var option in new Option[] { manifest, outDir, caCert, caKey, brokerHost, days, auth, brokerKind, force })
        {
            command.Options.Add(option);
        }

        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, MqttOptions.Offline, async context =>
        {
            var neuronAuth = pr.GetValue(auth) switch
            {
                "password" => NeuronAuth.Password,
                "certificate" => NeuronAuth.Certificate,
                var other => throw new CliUsageException($"--auth '{other}': give password (the default: a password per neuron) or certificate (a client certificate per neuron)"),
            };

            var broker = pr.GetValue(brokerKind) switch
            {
                "mosquitto" => BrokerKind.Mosquitto,
                "ejabberd" => BrokerKind.Ejabberd,
                var other => throw new CliUsageException($"--broker-kind '{other}': give mosquitto (the default: one Mosquitto with its dynamic-security file) "
                    + "or ejabberd (a cluster of ejabberd nodes with mod_mqtt)"),
            };
            if (broker == BrokerKind.Ejabberd && neuronAuth == NeuronAuth.Certificate)
            {
                throw new CliUsageException("--auth certificate works with --broker-kind mosquitto only: the client certificates are logins on Mosquitto's "
                    + "certificate listener (8884); with ejabberd every neuron logs in with its password");
            }

            var cert = pr.GetValue(caCert);
            var key = pr.GetValue(caKey);
            if ((cert is null) != (key is null))
            {
                throw new CliUsageException("--ca-cert and --ca-key go together: the CA's certificate and its private key");
            }

            var validDays = pr.GetValue(days);
            if (validDays is < 1 or > 3650)
            {
                throw new CliUsageException($"--days {validDays}: give 1 to 3650 days");
            }

            var hosts = pr.GetValue(brokerHost) ?? [];
            if (hosts.FirstOrDefault(h => Uri.CheckHostName(h) == UriHostNameType.Unknown) is { } badHost)
            {
                throw new CliUsageException($"--broker-host '{badHost}' is not a DNS name or an IP address");
            }

            var cluster = await ManifestFile.LoadAsync(pr.GetValue(manifest)!, ct);
            context.UseManifestDefaults(cluster.Root, cluster.Broker);
            var request = new SecretsRequest(pr.GetValue(outDir)!, cert, key, hosts, validDays, pr.GetValue(force), neuronAuth, broker);
            var generator = new SecretsGenerator(cluster, context.Topics.Root, request, context.Time.GetUtcNow());
            var outputs = generator.Run();
            await context.Output.WriteAsync(Report(outputs, request));
            // The logins are made for the manifest's broker: say now if it cannot take them. flash --secrets installs
            // the CA exactly when that broker is mqtts://.
            var nodesBroker = BrokerLoginRule.NodesBroker(cluster);
            var kind = neuronAuth == NeuronAuth.Certificate ? NodeLoginKind.Certificate : NodeLoginKind.Password;
            await BrokerLoginRule.WarnAsync(context.Error, "secrets", BrokerLoginRule.Check(nodesBroker, new NodeLogin(kind, CaInstalled: nodesBroker.AllUseTls)));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private const string Help =
        "Make the cluster's secrets from the manifest: its CA, the broker's certificate, a login for every neuron, operator and "
        + "the aggregator (passwords/<user>; with --auth certificate, clients/<id>.crt and clients/<id>.key for the node's --cert-dir), "
        + "the broker's dynamic-security.json with what each may do, and the aggregator's operator-token for its HTTP commands.\n"
        + "With --broker-kind ejabberd, for a cluster of ejabberd nodes instead of one Mosquitto: ejabberd-access.yml (the same rules as "
        + "mod_mqtt ACLs, for include_config_file), ejabberd-users.sh (registers every login; run it once on one node) and ejabberd-cookie "
        + "(the nodes' shared Erlang cookie) instead of dynamic-security.json.\n"
        + "After apply or set changes connections, rerun with --ca-cert/--ca-key --force (logins kept, certificates reissued) and "
        + "restart the broker (ejabberd: ejabberdctl reload_config on every node). docs/security.md has the details.\n"
        + "Example: pineurons secrets --manifest firmware-config/xor.yaml --out cluster-secrets\n"
        + "Example: pineurons secrets --manifest firmware-config/xor.yaml --out cluster-secrets --broker-kind ejabberd";

    private static string Report(IReadOnlyList<SecretOutput> outputs, SecretsRequest request)
    {
        var text = new System.Text.StringBuilder();
        foreach (var output in outputs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(output.Kept ? "kept " : "wrote")} {output.Path}: {output.What}\n");
        }

        var dir = request.OutDir;
        if (request.Broker == BrokerKind.Ejabberd)
        {
            AppendEjabberdSteps(text, dir);
        }
        else
        {
            text.Append("\nNext steps (docs/security.md):\n")
                .Append("  1. Swarm secrets for the broker and the aggregator, on a manager (then push the aggregator image and deploy the stack: deploy/README.md):\n");
            AppendSecrets(text, dir,
            [
                ("mosquitto_dynsec", DynamicSecurityFile.FileName), ("mosquitto_ca_crt", "ca.crt"), ("mosquitto_broker_crt", "broker.crt"),
                ("mosquitto_broker_key", "broker.key"), ("aggregator_mqtt_password", "passwords/aggregator"), ("operator_token", OperatorToken.FileName),
            ]);
        }

        // flash --secrets gives each Pi only its own neurons' logins; the node logs every neuron in as itself.
        var step = request.Broker == BrokerKind.Ejabberd ? 3 : 2;
        text.Append(CultureInfo.InvariantCulture, $"  {step}. ")
            .Append(request.Auth == NeuronAuth.Certificate
                ? "Flash the Pis; each neuron logs in with its certificate (user = its CN = the neuron id) on the broker's 8884:\n"
                : "Flash the Pis; each neuron logs in as itself (user = neuron id):\n")
            .Append(CultureInfo.InvariantCulture, $"     pineurons flash --manifest M --all --secrets {dir} --ssh-key KEY.pub --bundle out/arm64 --out cards\n");

        text.Append(CultureInfo.InvariantCulture, $"  {step + 1}. Operators: pineurons --username <name> --password-file {Path.Combine(dir, SecretsGenerator.PasswordsFolder, "<name>")} ...\n")
            .Append(CultureInfo.InvariantCulture, $"     and the aggregator's page and API take {Path.Combine(dir, OperatorToken.FileName)} as the token of their commands\n")
            .Append(CultureInfo.InvariantCulture, $"  {step + 2}. Keep {Path.Combine(dir, "ca.key")} offline. After apply/set changes connections: rerun with --ca-cert/--ca-key and --force, then ")
            .Append(request.Broker == BrokerKind.Ejabberd ? "ejabberdctl reload_config on every node.\n" : "restart the broker.\n");
        return text.ToString();
    }

    private static void AppendEjabberdSteps(System.Text.StringBuilder text, string dir)
    {
        text.Append("\nNext steps (docs/security.md, deploy/ejabberd/README.md):\n")
            .Append("  1. Each ejabberd node (deploy/ejabberd/ejabberd.yml) reads ca.crt, broker.crt, broker.key and ejabberd-access.yml from /etc/ejabberd/pineurons/,\n")
            .Append(CultureInfo.InvariantCulture, $"     readable by the ejabberd user, and shares the cookie: install {Path.Combine(dir, ErlangCookie.FileName)} as /var/lib/ejabberd/.erlang.cookie (0400, owner ejabberd).\n")
            .Append("     On Docker Swarm (deploy/swarm/stack.ejabberd.yml), the secrets, on a manager:\n");
        AppendSecrets(text, dir,
        [
            ("ejabberd_access", EjabberdAccessFile.FileName), ("ejabberd_cookie", ErlangCookie.FileName), ("ejabberd_ca_crt", "ca.crt"),
            ("ejabberd_broker_crt", "broker.crt"), ("ejabberd_broker_key", "broker.key"), ("aggregator_mqtt_password", "passwords/aggregator"),
            ("operator_token", OperatorToken.FileName),
        ]);
        text.Append("  2. Once the nodes run as one cluster, register every login, on one node (the users are shared):\n")
            .Append(CultureInfo.InvariantCulture, $"     sudo sh {Path.Combine(dir, EjabberdUsersScript.FileName)}\n");
    }

    private static void AppendSecrets(System.Text.StringBuilder text, string dir, (string Secret, string File)[] secrets)
    {
        foreach (var (secret, file) in secrets)
        {
            text.Append(CultureInfo.InvariantCulture, $"     docker secret create {secret} {Path.Combine(dir, file)}\n");
        }
    }
}
