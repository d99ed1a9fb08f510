using PiNeurons.Core;
using System.CommandLine;
using System.Globalization;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Secrets;

/// <summary><c>pineurons secrets</c>: the CA, the broker's certificate, every login and the broker's dynamic-security file, from the manifest.</summary>
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
        var force = new Option<bool>("--force") { Description = "replace the files of an earlier run in --out; its passwords/ files and clients/ keys are kept (client certificates are reissued for the kept keys)" };
        var command = new Command("secrets", Help);
        foreach (var option in new Option[] { manifest, outDir, caCert, caKey, brokerHost, days, auth, force })
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
            var request = new SecretsRequest(pr.GetValue(outDir)!, cert, key, hosts, validDays, pr.GetValue(force), neuronAuth);
            var generator = new SecretsGenerator(cluster, context.Topics.Root, request, context.Time.GetUtcNow());
            var outputs = generator.Run();
            await context.Output.WriteAsync(Report(outputs, request));
            // The logins are made for the manifest's broker: say now if it cannot take them. flash --secrets installs
            // the CA exactly when that broker is mqtts://.
            var broker = BrokerLoginRule.NodesBroker(cluster);
            var kind = neuronAuth == NeuronAuth.Certificate ? NodeLoginKind.Certificate : NodeLoginKind.Password;
            await BrokerLoginRule.WarnAsync(context.Error, "secrets", BrokerLoginRule.Check(broker, new NodeLogin(kind, CaInstalled: broker.All(b => b.UseTls))));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private const string Help =
        "Make the cluster's secrets from the manifest: its CA, the broker's certificate, a login for every neuron, operator and "
        + "the aggregator (passwords/<user>; with --auth certificate, clients/<id>.crt and clients/<id>.key for the node's --cert-dir), "
        + "the broker's dynamic-security.json with what each may do, and the aggregator's operator-token for its HTTP commands.\n"
        + "After apply or set changes connections, rerun with --ca-cert/--ca-key --force (logins kept, certificates reissued) and "
        + "restart the broker. docs/security.md has the details.\n"
        + "Example: pineurons secrets --manifest firmware-config/xor.yaml --out cluster-secrets";

    private static string Report(IReadOnlyList<SecretOutput> outputs, SecretsRequest request)
    {
        var text = new System.Text.StringBuilder();
        foreach (var output in outputs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(output.Kept ? "kept " : "wrote")} {output.Path}: {output.What}\n");
        }

        var dir = request.OutDir;
        text.Append("\nNext steps (docs/security.md):\n")
            .Append("  1. Swarm secrets for the broker and the aggregator, on a manager (then push the aggregator image and deploy the stack: deploy/README.md):\n");
        foreach (var (secret, file) in new[]
        {
            ("mosquitto_dynsec", DynamicSecurityFile.FileName), ("mosquitto_ca_crt", "ca.crt"),
            ("mosquitto_broker_crt", "broker.crt"), ("mosquitto_broker_key", "broker.key"), ("aggregator_mqtt_password", "passwords/aggregator"),
            ("operator_token", OperatorToken.FileName),
        })
        {
            text.Append(CultureInfo.InvariantCulture, $"     docker secret create {secret} {Path.Combine(dir, file)}\n");
        }

        // flash --secrets gives each Pi only its own neurons' logins; the node logs every neuron in as itself.
        text.Append(request.Auth == NeuronAuth.Certificate
                ? "  2. Flash the Pis; each neuron logs in with its certificate (user = its CN = the neuron id) on the broker's 8884:\n"
                : "  2. Flash the Pis; each neuron logs in as itself (user = neuron id):\n")
            .Append(CultureInfo.InvariantCulture, $"     pineurons flash --manifest M --all --secrets {dir} --ssh-key KEY.pub --bundle out/arm64 --out cards\n");

        text.Append(CultureInfo.InvariantCulture, $"  3. Operators: pineurons --username <name> --password-file {Path.Combine(dir, SecretsGenerator.PasswordsFolder, "<name>")} ...\n")
            .Append(CultureInfo.InvariantCulture, $"     and the aggregator's page and API take {Path.Combine(dir, OperatorToken.FileName)} as the token of their commands\n")
            .Append(CultureInfo.InvariantCulture, $"  4. Keep {Path.Combine(dir, "ca.key")} offline. After apply/set changes connections: rerun with --ca-cert/--ca-key and --force, then restart the broker.\n");
        return text.ToString();
    }
}
