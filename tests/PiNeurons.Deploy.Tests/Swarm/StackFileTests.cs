using System.Text.Json.Nodes;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// deploy/swarm/stack.yml (and the PostgreSQL override, and the ejabberd variant) against the Compose Specification's
/// schema, then against <see cref="StackRules"/>: every rule that is not about Mosquitto holds for the ejabberd variant too
/// (its own rules: EjabberdStackTests). No Docker engine is needed or used.
/// </summary>
public sealed class StackFileTests
{
    private const string StackFile = "deploy/swarm/stack.yml";
    private const string PostgresFile = "deploy/swarm/stack.postgres.yml";
    private const string EjabberdFile = "deploy/swarm/stack.ejabberd.yml";

    private static JsonNode Load(string file) => YamlToJson.Convert(RepoRoot.ReadAllText(file));

    private static string StackDirectory => Path.GetDirectoryName(RepoRoot.File(StackFile))!;

    private static MosquittoConfig BrokerConfig() => MosquittoConfig.Parse(RepoRoot.ReadAllText("firmware-config/mosquitto.conf"));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(PostgresFile)]
    [InlineData(EjabberdFile)]
    public async Task StackFile_IsValidAgainstTheComposeSchema(string file)
    {
        var stack = Load(file);

        Problems.AssertNone(file, await ComposeSchema.ValidateAsync(stack));
    }

    /// <summary>Breakages the schema must catch, so a green validation means something.</summary>
    public static TheoryData<string, string> SchemaBreakages => new()
    {
        { "unknown top-level key", "servicez" },
        { "unknown service key", "networkz" },
        { "update order not in the enum", "order" },
        { "replicas of the wrong type", "replicas" },
        { "port mode as a list", "ports" },
    };

    [Theory]
    [MemberData(nameof(SchemaBreakages))]
    public async Task BrokenStack_FailsSchemaValidation(string breakage, string key)
    {
        var stack = Load(StackFile);
        var aggregator = StackRules.Service(stack, StackRules.Aggregator)!.AsObject();
        switch (key)
        {
            case "servicez":
                stack.AsObject().Add("servicez", new JsonObject());
                break;
            case "networkz":
                aggregator.Add("networkz", new JsonArray("pineurons"));
                break;
            case "order":
                aggregator["deploy"]!["update_config"]!["order"] = "sideways";
                break;
            case "replicas":
                aggregator["deploy"]!["replicas"] = new JsonObject { ["many"] = true };
                break;
            case "ports":
                aggregator["ports"]![0]!["mode"] = new JsonArray("host");
                break;
        }

        var errors = await ComposeSchema.ValidateAsync(stack);

        Assert.True(errors.Count > 0, $"the schema accepted a stack with {breakage}.");
    }

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void EveryService_HasAHealthcheck(string file) =>
        Problems.AssertNone(file, StackRules.EveryServiceHasAHealthcheck(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void Aggregator_IsOneReplicaUpdatedStopFirst(string file) =>
        Problems.AssertNone(file, StackRules.AggregatorIsASingleWriterReplacedStopFirst(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void ConfigsAndSecrets_UsedByServices_AreDeclared(string file) =>
        Problems.AssertNone(file, StackRules.ConfigAndSecretReferencesAreDeclared(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void ConfigFiles_ExistInTheRepository(string file) =>
        Problems.AssertNone(file, StackRules.ConfigFilesExist(Load(file), StackDirectory));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void NamedVolumes_AreDeclared(string file) =>
        Problems.AssertNone(file, StackRules.NamedVolumesAreDeclared(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void EveryService_HasPlacementConstraints(string file) =>
        Problems.AssertNone(file, StackRules.EveryServiceIsPlaced(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void AggregatorCommand_PointsAtItsVolumeSecretsAndPort(string file) =>
        Problems.AssertNone(file, StackRules.AggregatorCommandMatchesItsMounts(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(PostgresFile)]
    [InlineData(EjabberdFile)]
    public void AggregatorCommand_SendsItsPasswordOnlyWhereAllowed(string file) =>
        Problems.AssertNone(file, StackRules.AggregatorPasswordTransportIsAllowed(Load(file)));

    [Fact]
    public void MosquittoService_GivesTheConfigWhatItNames() =>
        Problems.AssertNone(StackFile, StackRules.MosquittoServiceMatchesItsConfig(Load(StackFile), BrokerConfig()));

    [Fact]
    public void MosquittoHealthcheck_LogsIn() =>
        Problems.AssertNone(StackFile, StackRules.MosquittoHealthcheckLogsIn(Load(StackFile), BrokerConfig()));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void AggregatorImage_IsPinnedToTheProjectVersion(string file) =>
        Problems.AssertNone(file, ReleaseRules.AggregatorImageIsPinnedToTheVersion(Load(file), BuildProps.Version));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void EveryService_RollsBackAsItUpdates(string file) =>
        Problems.AssertNone(file, ReleaseRules.EveryServiceRollsBackAsItUpdates(Load(file)));

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void EveryService_CapsItsLog(string file) =>
        Problems.AssertNone(file, LoggingRules.EveryServiceCapsItsLog(Load(file)));

    [Theory]
    [InlineData("max-size", "services.mosquitto.logging.options.max-size '' must be a size such as 10m")]
    [InlineData("max-file", "services.mosquitto.logging.options.max-file '' must be a number of files")]
    [InlineData("logging", "services.mosquitto.logging is missing")]
    public void ServiceWithAnUncappedLog_IsReported(string removed, string expected)
    {
        var stack = Load(StackFile);
        var mosquitto = StackRules.Service(stack, StackRules.Mosquitto)!.AsObject();
        if (removed == "logging")
        {
            mosquitto.Remove("logging");
        }
        else
        {
            mosquitto["logging"]!["options"]!.AsObject().Remove(removed);
        }

        var problem = Assert.Single(LoggingRules.EveryServiceCapsItsLog(stack));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresOverride_RunsSeveralReplicasInASharedGroup() =>
        Problems.AssertNone(PostgresFile, StackRules.PostgresOverrideSharesTheStream(Load(PostgresFile)));

    [Fact]
    public void PostgresOverride_SecretsAreDeclaredInTheOverrideOrTheBase()
    {
        var merged = Load(StackFile).AsObject();
        foreach (var (name, secret) in Load(PostgresFile)["secrets"]!.AsObject())
        {
            merged["secrets"]!.AsObject()[name] = secret?.DeepClone();
        }

        merged["services"]![StackRules.Aggregator]!["secrets"] = Load(PostgresFile)["services"]![StackRules.Aggregator]!["secrets"]!.DeepClone();

        Problems.AssertNone(PostgresFile, StackRules.ConfigAndSecretReferencesAreDeclared(merged));
    }

    [Theory]
    [InlineData(StackFile)]
    [InlineData(EjabberdFile)]
    public void AggregatorHealthcheck_IsTheImagesHealthcheck(string file)
    {
        // Compose turns $$ into $; the Dockerfile has no such escaping.
        var stack = ((JsonArray)StackRules.Service(Load(file), StackRules.Aggregator)!["healthcheck"]!["test"]!)
            .Select(n => n!.ToString().Replace("$$", "$", StringComparison.Ordinal))
            .ToArray();
        var image = AggregatorRules.HealthcheckCommand(DockerfileModel.Parse(RepoRoot.ReadAllText(AggregatorRules.FileName)));

        Assert.Equal(["CMD", .. image ?? []], stack);
    }

    public static TheoryData<string, string> RuleBreakages => new()
    {
        { nameof(StackRules.EveryServiceHasAHealthcheck), "no healthcheck" },
        { nameof(StackRules.EveryServiceHasAHealthcheck), "healthcheck disabled" },
        { nameof(StackRules.AggregatorIsASingleWriterReplacedStopFirst), "start-first" },
        { nameof(StackRules.AggregatorIsASingleWriterReplacedStopFirst), "two replicas" },
        { nameof(StackRules.ConfigAndSecretReferencesAreDeclared), "undeclared secret" },
        { nameof(StackRules.ConfigAndSecretReferencesAreDeclared), "undeclared config" },
        { nameof(StackRules.ConfigFilesExist), "missing config file" },
        { nameof(StackRules.NamedVolumesAreDeclared), "undeclared volume" },
        { nameof(StackRules.EveryServiceIsPlaced), "no constraints" },
        { nameof(StackRules.AggregatorCommandMatchesItsMounts), "state dir off the volume" },
        { nameof(StackRules.AggregatorCommandMatchesItsMounts), "password file not a secret" },
        { nameof(StackRules.AggregatorCommandMatchesItsMounts), "urls on another port" },
        { nameof(StackRules.MosquittoServiceMatchesItsConfig), "floating image tag" },
        { nameof(StackRules.MosquittoServiceMatchesItsConfig), "dynamic-security secret renamed" },
        { nameof(StackRules.MosquittoHealthcheckLogsIn), "healthcheck only probes the port" },
        { nameof(StackRules.MosquittoHealthcheckLogsIn), "healthcheck password not a secret" },
        { nameof(StackRules.MosquittoServiceMatchesItsConfig), "data volume moved" },
        { nameof(StackRules.MosquittoServiceMatchesItsConfig), "broker port in ingress mode" },
        { nameof(StackRules.MosquittoServiceMatchesItsConfig), "certificate port not published" },
        { nameof(ReleaseRules.AggregatorImageIsPinnedToTheVersion), "image on latest" },
        { nameof(ReleaseRules.AggregatorImageIsPinnedToTheVersion), "image without a tag" },
        { nameof(ReleaseRules.EveryServiceRollsBackAsItUpdates), "no rollback_config" },
        { nameof(ReleaseRules.EveryServiceRollsBackAsItUpdates), "rollback start-first" },
        { nameof(ReleaseRules.EveryServiceRollsBackAsItUpdates), "monitor shorter than the healthcheck" },
        { nameof(ReleaseRules.EveryServiceRollsBackAsItUpdates), "update failure paused" },
    };

    [Theory]
    [MemberData(nameof(RuleBreakages))]
    public void Rule_FailsOnAStackThatBreaksIt(string rule, string breakage)
    {
        var stack = Load(StackFile);
        var aggregator = StackRules.Service(stack, StackRules.Aggregator)!.AsObject();
        var mosquitto = StackRules.Service(stack, StackRules.Mosquitto)!.AsObject();
        var command = aggregator["command"]!.AsArray();
        switch (breakage)
        {
            case "no healthcheck":
                mosquitto.Remove("healthcheck");
                break;
            case "healthcheck disabled":
                aggregator["healthcheck"] = new JsonObject { ["disable"] = true };
                break;
            case "start-first":
                aggregator["deploy"]!["update_config"]!["order"] = "start-first";
                break;
            case "two replicas":
                aggregator["deploy"]!["replicas"] = 2;
                break;
            case "undeclared secret":
                stack["secrets"]!.AsObject().Remove("operator_token");
                break;
            case "undeclared config":
                stack["configs"]!.AsObject().Remove("mosquitto_conf");
                break;
            case "missing config file":
                stack["configs"]!["mosquitto_conf"]!["file"] = "../../firmware-config/mosquitto.conf.missing";
                break;
            case "undeclared volume":
                stack["volumes"]!.AsObject().Remove("aggregator_state");
                break;
            case "no constraints":
                mosquitto["deploy"]!["placement"]!.AsObject().Remove("constraints");
                break;
            case "state dir off the volume":
                SetOption(command, "--state-dir", "/tmp/state");
                break;
            case "password file not a secret":
                SetOption(command, "--password-file", "/run/secrets/mqtt_password");
                break;
            case "urls on another port":
                SetOption(command, "--urls", "http://0.0.0.0:9090");
                break;
            case "floating image tag":
                mosquitto["image"] = "eclipse-mosquitto:2";
                break;
            case "dynamic-security secret renamed":
                mosquitto["secrets"]![0]!["target"] = "dynsec";
                break;
            case "healthcheck only probes the port":
                mosquitto["healthcheck"]!["test"] = new JsonArray("CMD", "nc", "-z", "127.0.0.1", "1883");
                break;
            case "healthcheck password not a secret":
                var test = mosquitto["healthcheck"]!["test"]!.AsArray();
                test[1] = test[1]!.ToString().Replace("/run/secrets/aggregator_mqtt_password", "/tmp/password", StringComparison.Ordinal);
                break;
            case "data volume moved":
                mosquitto["volumes"] = new JsonArray("mosquitto_data:/data");
                break;
            case "broker port in ingress mode":
                mosquitto["ports"]![0]!["mode"] = "ingress";
                break;
            case "certificate port not published":
                var ports = mosquitto["ports"]!.AsArray();
                ports.RemoveAt(ports.Select(p => p!["target"]!.ToString()).ToList().IndexOf("8884"));
                break;
            case "image on latest":
                aggregator["image"] = "${PINEURONS_REGISTRY:-127.0.0.1:5000}/pineurons-aggregator:${PINEURONS_VERSION:-latest}";
                break;
            case "image without a tag":
                aggregator["image"] = "127.0.0.1:5000/pineurons-aggregator";
                break;
            case "no rollback_config":
                mosquitto["deploy"]!.AsObject().Remove("rollback_config");
                break;
            case "rollback start-first":
                mosquitto["deploy"]!["rollback_config"]!["order"] = "start-first";
                break;
            case "monitor shorter than the healthcheck":
                mosquitto["deploy"]!["update_config"]!["monitor"] = "30s";
                break;
            case "update failure paused":
                aggregator["deploy"]!["update_config"]!["failure_action"] = "pause";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }

        Assert.NotEmpty(Check(rule, stack));
    }

    [Fact]
    public void HealthcheckRule_AcceptsAWaiverThatSaysWhy()
    {
        var stack = Load(StackFile);
        var mosquitto = StackRules.Service(stack, StackRules.Mosquitto)!.AsObject();
        mosquitto.Remove("healthcheck");
        mosquitto[StackRules.HealthcheckWaiver] = "the broker's liveness is watched elsewhere";

        Assert.Empty(StackRules.EveryServiceHasAHealthcheck(stack));
    }

    private static void SetOption(JsonArray command, string option, string value)
    {
        var at = command.Select(n => n!.ToString()).ToList().IndexOf(option);
        Assert.True(at >= 0, $"the aggregator's command has no {option}.");
        command[at + 1] = value;
    }

    private static IEnumerable<string> Check(string rule, JsonNode stack) => rule switch
    {
        nameof(StackRules.EveryServiceHasAHealthcheck) => StackRules.EveryServiceHasAHealthcheck(stack),
        nameof(StackRules.AggregatorIsASingleWriterReplacedStopFirst) => StackRules.AggregatorIsASingleWriterReplacedStopFirst(stack),
        nameof(StackRules.ConfigAndSecretReferencesAreDeclared) => StackRules.ConfigAndSecretReferencesAreDeclared(stack),
        nameof(StackRules.ConfigFilesExist) => StackRules.ConfigFilesExist(stack, StackDirectory),
        nameof(StackRules.NamedVolumesAreDeclared) => StackRules.NamedVolumesAreDeclared(stack),
        nameof(StackRules.EveryServiceIsPlaced) => StackRules.EveryServiceIsPlaced(stack),
        nameof(StackRules.AggregatorCommandMatchesItsMounts) => StackRules.AggregatorCommandMatchesItsMounts(stack),
        nameof(StackRules.MosquittoServiceMatchesItsConfig) => StackRules.MosquittoServiceMatchesItsConfig(stack, BrokerConfig()),
        nameof(StackRules.MosquittoHealthcheckLogsIn) => StackRules.MosquittoHealthcheckLogsIn(stack, BrokerConfig()),
        nameof(ReleaseRules.AggregatorImageIsPinnedToTheVersion) => ReleaseRules.AggregatorImageIsPinnedToTheVersion(stack, BuildProps.Version),
        nameof(ReleaseRules.EveryServiceRollsBackAsItUpdates) => ReleaseRules.EveryServiceRollsBackAsItUpdates(stack),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown rule"),
    };
}
