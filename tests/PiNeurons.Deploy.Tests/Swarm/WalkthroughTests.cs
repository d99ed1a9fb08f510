using System.Text.Json.Nodes;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// The Swarm walkthrough, deploy/README.md and the short one of docs/deployment.md, deploys the stack as written from a
/// clean Swarm: every secret, node label, variable and the aggregator's image the stack files need is made, or
/// explained, before the deploy, and the secrets are the ones <c>pineurons secrets</c> makes and prints (run here, in-process).
/// </summary>
public sealed class WalkthroughTests(PrintedSecrets printed) : IClassFixture<PrintedSecrets>
{
    private const string StackFile = "deploy/swarm/stack.yml";
    private const string PostgresFile = "deploy/swarm/stack.postgres.yml";

    public static TheoryData<string> Pages => new() { "deploy/README.md", "docs/deployment.md" };

    private static JsonNode Load(string file) => YamlToJson.Convert(RepoRoot.ReadAllText(file));

    [Fact]
    public void PineuronsSecrets_PrintsACreateLineForEverySecretOfTheStack() =>
        Problems.AssertNone(StackFile, WalkthroughRules.PineuronsSecretsPrintsEverySecret(Load(StackFile), printed.Lines, printed.OutDir));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Walkthrough_BeforeEachDeploy_MakesTheSwarmItsLabelsAndSecrets(string page) =>
        Problems.AssertNone(page, WalkthroughRules.EachDeployFindsItsSwarm(Walkthrough.Read(page), Load, printed.Lines));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Walkthrough_BeforeEachDeploy_PushesTheImageTheStackPulls(string page) =>
        Problems.AssertNone(page, WalkthroughRules.EachDeployFindsItsImage(Walkthrough.Read(page), Load(StackFile)));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Walkthrough_NamesEveryVariableOfTheStacks(string page) =>
        Problems.AssertNone(page, WalkthroughRules.StackVariablesAreNamed(Walkthrough.Read(page), [Load(StackFile), Load(PostgresFile)]));

    /// <summary>What main had before the walkthrough was completed, and the other ways to break it, each caught.</summary>
    public static TheoryData<string, string, string> Breakages => new()
    {
        { "the operator token made with openssl, not pineurons secrets", "cluster-secrets/operator-token", "operator_token" },
        { "a secret left out", "docker secret create operator_token", "" },
        { "a label left out", "--label-add pineurons.aggregator=true", "" },
        { "the image pushed elsewhere", "-t \"$PINEURONS_REGISTRY/pineurons-aggregator:$PINEURONS_VERSION\"", "-t ghcr.io/someone/aggregator:0.1.0" },
        { "a platform left out", ",linux/arm/v7", "" },
        { "no registry", "registry:2.8.3", "nginx" },
        { "a builder that cannot see the registry", "--driver-opt network=host", "" },
        { "a revision label without its build arg", "--build-arg REVISION=", "--build-arg NOT_REVISION=" },
        { "a variable the page never names", "PINEURONS_MOSQUITTO_CONF", "the config's revision" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Rules_FailOnAWalkthroughThatBreaksThem(string breakage, string from, string to)
    {
        var text = RepoRoot.ReadAllText("deploy/README.md");
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"{breakage}: deploy/README.md has no '{from}' to replace.");
        var page = Walkthrough.Parse("deploy/README.md", text.Replace(from, to, StringComparison.Ordinal));

        var problems = WalkthroughRules.EachDeployFindsItsSwarm(page, Load, printed.Lines)
            .Concat(WalkthroughRules.EachDeployFindsItsImage(page, Load(StackFile)))
            .Concat(WalkthroughRules.StackVariablesAreNamed(page, [Load(StackFile), Load(PostgresFile)]));

        Assert.NotEmpty(problems);
    }

    [Fact]
    public void Rules_FailWhenPineuronsSecretsLeavesAStackSecretOut()
    {
        var withoutToken = printed.Lines.Where(l => l.Secret != "operator_token").ToArray();

        Assert.NotEmpty(WalkthroughRules.PineuronsSecretsPrintsEverySecret(Load(StackFile), withoutToken, printed.OutDir));
    }

    [Fact]
    public void Rules_FailWhenTheStackFallsBackToAnImageTheWalkthroughDoesNotPush()
    {
        var stack = Load(StackFile);
        StackRules.Service(stack, StackRules.Aggregator)!["image"] = "${PINEURONS_REGISTRY:-ghcr.io/pineurons}/aggregator:${PINEURONS_VERSION:-latest}";

        Assert.NotEmpty(WalkthroughRules.EachDeployFindsItsImage(Walkthrough.Read("deploy/README.md"), stack));
    }
}
