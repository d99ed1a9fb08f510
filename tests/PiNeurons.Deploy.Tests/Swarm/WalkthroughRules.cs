using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PiNeurons.Deploy.Tests.Docker;
using static PiNeurons.Deploy.Tests.Swarm.StackRules;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// A walkthrough deploys the stack as written only if, before each <c>docker stack deploy</c>, it has made everything the
/// stack files of that command refer to but do not hold: a swarm, the node labels of the placement constraints, every
/// external secret, and the aggregator's image in a registry the nodes reach. No engine checks that here, and a gap
/// shows up only on the Swarm, as a deploy refused for a missing secret or a task stuck pulling an image nobody pushed.
/// Each rule returns what is wrong.
/// </summary>
internal static partial class WalkthroughRules
{
    /// <summary>The platforms of the Swarm's Pis and PCs (deploy/README.md, "Which Pis"), which one image must cover.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["linux/amd64", "linux/arm64", "linux/arm/v7"];

    /// <summary>Every secret of the base stack is one <c>pineurons secrets</c> tells its reader to create, from a file it
    /// wrote: the stack needs nothing that tool does not make.</summary>
    public static IEnumerable<string> PineuronsSecretsPrintsEverySecret(JsonNode stack, IReadOnlyList<(string Secret, string File)> printed, string outDir)
    {
        foreach (var secret in ExternalSecrets(stack).Where(s => printed.All(p => p.Secret != s)))
        {
            yield return $"secrets.{secret}: pineurons secrets prints no `docker secret create {secret} FILE`.";
        }

        foreach (var (secret, file) in printed.Where(p => !File.Exists(Path.Combine(outDir, p.File))))
        {
            yield return $"pineurons secrets prints `docker secret create {secret} {file}`, but wrote no {file}.";
        }
    }

    /// <summary>Before each deploy: a swarm, the labels its constraints ask for, every external secret of its files, and
    /// for the secrets <c>pineurons secrets</c> prints, the very line it prints (file for file, under the page's --out).</summary>
    public static IEnumerable<string> EachDeployFindsItsSwarm(Walkthrough page, Func<string, JsonNode> loadStack, IReadOnlyList<(string Secret, string File)> printed)
    {
        var deploys = Deploys(page).ToArray();
        if (deploys.Length == 0)
        {
            yield return $"{page.File}: no `docker stack deploy -c deploy/swarm/stack.yml ... pineurons`.";
        }

        var outDir = page.Commands.Where(c => c.Is("pineurons", "secrets")).SelectMany(c => c.Options("--out")).FirstOrDefault();
        if (outDir is null)
        {
            yield return $"{page.File}: no `pineurons secrets ... --out DIR` makes the files its `docker secret create` lines take.";
        }

        foreach (var (at, files) in deploys)
        {
            var deploy = page.Commands[at];
            var before = page.Commands.Take(at).ToArray();
            if (!before.Any(c => c.Is("docker", "swarm", "init")))
            {
                yield return $"{page.File}: {deploy}: no `docker swarm init` before it.";
            }

            var labels = before.Where(c => c.Is("docker", "node", "update")).SelectMany(c => c.Options("--label-add")).ToHashSet();
            foreach (var label in files.Select(loadStack).SelectMany(PlacementLabels).Distinct().Where(l => !labels.Contains(l)))
            {
                yield return $"{page.File}: {deploy}: a placement constraint wants node label {label}, and no `docker node update --label-add {label}` comes before.";
            }

            var created = before.Where(c => c.Is("docker", "secret", "create") && c.Words.Count >= 5).ToLookup(c => c.Words[3], c => c.Words[4]);
            foreach (var secret in files.Select(loadStack).SelectMany(ExternalSecrets).Distinct())
            {
                var line = printed.FirstOrDefault(p => p.Secret == secret);
                if (!created.Contains(secret))
                {
                    yield return $"{page.File}: {deploy}: the stack's external secret {secret} is created by no `docker secret create {secret} ...` before it.";
                }
                else if (line.Secret is not null && !created[secret].Contains($"{outDir}/{line.File}"))
                {
                    yield return $"{page.File}: `docker secret create {secret}` must take {outDir}/{line.File}, as pineurons secrets prints it (--out {outDir}); got {string.Join(", ", created[secret])}.";
                }
            }
        }
    }

    /// <summary>Before each deploy, a <c>docker buildx build --push</c> of Dockerfile.aggregator for every platform, tagged as
    /// the stack names the image with the page's variables at that point, and the same when no variable is set (a new
    /// shell); and, for a registry on the node's own loopback, the registry service and a builder on the host's network.</summary>
    public static IEnumerable<string> EachDeployFindsItsImage(Walkthrough page, JsonNode stack)
    {
        var image = Text(Service(stack, StackRules.Aggregator)?["image"]) ?? "";
        var unset = ComposeVariables.Fill(image, new Dictionary<string, string>());
        foreach (var (at, _) in Deploys(page))
        {
            var deploy = page.Commands[at];
            var wanted = deploy.Fill(image);
            var pushes = page.Commands.Take(at).Where(IsAggregatorPush).ToArray();
            var push = pushes.FirstOrDefault(p => p.Options("-t", "--tag").Select(p.Fill).Contains(wanted));
            if (push is null)
            {
                yield return $"{page.File}: {deploy} pulls {wanted}, which no `docker buildx build -f {AggregatorRules.FileName} -t {wanted} --push` before it makes"
                    + $" (it pushes {string.Join(", ", pushes.SelectMany(p => p.Options("-t", "--tag").Select(p.Fill)))}).";
                continue;
            }

            if (wanted != unset)
            {
                yield return $"{page.File}: {deploy} pulls {wanted}, but the stack with no variable set (a new shell) names {unset}.";
            }

            var platforms = push.Options("--platform").SelectMany(p => p.Split(',')).ToHashSet();
            foreach (var platform in Platforms.Where(p => !platforms.Contains(p)))
            {
                yield return $"{page.File}: {push}: the image misses platform {platform}.";
            }

            var args = push.Options("--build-arg").Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a.Length > 1 ? push.Fill(a[1]) : "");
            foreach (var arg in ImageLabelRules.FromBuildArg.Values.Where(a => !args.ContainsKey(a)))
            {
                yield return $"{page.File}: {push}: no --build-arg {arg} for the image's label.";
            }

            if (args.TryGetValue("VERSION", out var version) && !wanted.EndsWith(":" + version, StringComparison.Ordinal))
            {
                yield return $"{page.File}: {push}: labelled version {version}, tagged {wanted}.";
            }

            foreach (var problem in LoopbackRegistryIsServed(page, page.Commands.ToList().IndexOf(push), wanted))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Every variable of the stack files is set or explained on the page (by name), so the reader knows it is there.</summary>
    public static IEnumerable<string> StackVariablesAreNamed(Walkthrough page, IEnumerable<JsonNode> stacks) =>
        stacks.SelectMany(ComposeVariables.Names).Distinct()
            .Where(v => !page.Text.Contains(v, StringComparison.Ordinal))
            .Select(v => $"{page.File}: the stack's variable {v} is neither set nor explained.");

    // A registry on 127.0.0.1 or localhost is one Docker and BuildKit use over plain HTTP with no setting, reached on each
    // node through the routing mesh: it must be a service publishing that port, and the builder, a container, must share
    // the host's network to see the host's loopback.
    private static IEnumerable<string> LoopbackRegistryIsServed(Walkthrough page, int push, string image)
    {
        var match = LoopbackRegistry().Match(image);
        if (!match.Success)
        {
            yield break;
        }

        var port = match.Groups["port"].Value;
        var before = page.Commands.Take(push).ToArray();
        if (!before.Any(c => c.Is("docker", "service", "create") && c.Words[^1].StartsWith("registry:2", StringComparison.Ordinal)
            && c.Options("--publish", "-p").Any(p => p.Contains($"published={port},", StringComparison.Ordinal) || p.StartsWith(port + ":", StringComparison.Ordinal))))
        {
            yield return $"{page.File}: {image} is pushed before any `docker service create ... --publish published={port},target=5000 registry:2...` runs the registry.";
        }

        if (!before.Any(c => c.Is("docker", "buildx", "create") && c.Options("--driver-opt").Contains("network=host")))
        {
            yield return $"{page.File}: the buildx builder must be created with --driver-opt network=host, or its 127.0.0.1 is its own container's, not the registry's.";
        }
    }

    private static bool IsAggregatorPush(WalkthroughCommand c) =>
        c.Is("docker", "buildx", "build") && c.Words.Contains("--push") && c.Options("-f", "--file").Contains(AggregatorRules.FileName);

    // Each `docker stack deploy` of the pineurons stack, with its compose files.
    private static IEnumerable<(int At, IReadOnlyList<string> Files)> Deploys(Walkthrough page)
    {
        for (var i = 0; i < page.Commands.Count; i++)
        {
            var c = page.Commands[i];
            if (c.Is("docker", "stack", "deploy") && c.Words[^1] == "pineurons")
            {
                yield return (i, c.Options("-c", "--compose-file").ToArray());
            }
        }
    }

    private static IEnumerable<string> ExternalSecrets(JsonNode stack) =>
        (stack["secrets"] as JsonObject ?? []).Where(s => s.Value?["external"] is JsonValue e && e.TryGetValue<bool>(out var x) && x).Select(s => s.Key);

    private static IEnumerable<string> PlacementLabels(JsonNode stack) =>
        Services(stack).SelectMany(s => s.Service["deploy"]?["placement"]?["constraints"] as JsonArray ?? [])
            .Select(c => LabelConstraint().Match(Text(c) ?? "")).Where(m => m.Success)
            .Select(m => $"{m.Groups["label"].Value}={m.Groups["value"].Value}");

    [GeneratedRegex(@"^node\.labels\.(?<label>\S+)\s*==\s*(?<value>\S+)$")]
    private static partial Regex LabelConstraint();

    [GeneratedRegex(@"^(127\.\d+\.\d+\.\d+|localhost):(?<port>\d+)/")]
    private static partial Regex LoopbackRegistry();
}
