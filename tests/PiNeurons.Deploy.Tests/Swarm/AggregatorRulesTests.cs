using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>Each <see cref="AggregatorRules"/> rule fails on a Dockerfile that breaks it.</summary>
public sealed class AggregatorRulesTests
{
    private const string Good = """
        ARG DOTNET_VERSION=10.0
        FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
        COPY src/ src/
        RUN dotnet publish src/PiNeurons.Aggregator/PiNeurons.Aggregator.csproj -c Release -o /app -p:UseAppHost=false \
            && mkdir -p /state
        FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble
        COPY --from=build --chown=app:app /state /var/lib/pineurons-aggregator
        VOLUME ["/var/lib/pineurons-aggregator"]
        COPY --from=build /app /app
        USER app
        EXPOSE 8080
        HEALTHCHECK --interval=30s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3"]
        ENTRYPOINT ["dotnet", "/app/PiNeurons.Aggregator.dll"]
        CMD ["--urls", "http://0.0.0.0:8080", "--state-dir", "/var/lib/pineurons-aggregator"]
        """;

    public static TheoryData<string, string, string> Breakages => new()
    {
        { nameof(AggregatorRules.FinalStageIsMultiArchAspnet10), "aspnet:${DOTNET_VERSION}-noble", "runtime:${DOTNET_VERSION}-noble" },
        { nameof(AggregatorRules.FinalStageIsMultiArchAspnet10), "aspnet:${DOTNET_VERSION}-noble", "aspnet:${DOTNET_VERSION}-noble-arm32v7" },
        { nameof(AggregatorRules.FinalStageIsMultiArchAspnet10), "aspnet:${DOTNET_VERSION}-noble", "aspnet:9.0" },
        { nameof(AggregatorRules.FinalStageIsMultiArchAspnet10), "FROM mcr.microsoft.com/dotnet/aspnet", "FROM --platform=linux/arm/v7 mcr.microsoft.com/dotnet/aspnet" },
        { nameof(AggregatorRules.PublishesTheAggregator), "src/PiNeurons.Aggregator/PiNeurons.Aggregator.csproj", "src/PiNeurons.Node/PiNeurons.Node.csproj" },
        { nameof(AggregatorRules.RunsAsNonRoot), "USER app", "" },
        { nameof(AggregatorRules.RunsAsNonRoot), "USER app", "USER root" },
        { nameof(AggregatorRules.HealthcheckProbesHealthz), "HEALTHCHECK", "# HEALTHCHECK" },
        { nameof(AggregatorRules.HealthcheckProbesHealthz), "/healthz", "/" },
        { nameof(AggregatorRules.HealthcheckProbesHealthz), "CMD [\"bash\", \"-c\",", "CMD [\"curl\", \"-f\"," },
        { nameof(AggregatorRules.Exposes8080), "EXPOSE 8080", "EXPOSE 80" },
        { nameof(AggregatorRules.EntrypointRunsTheDllWithDotnet), "ENTRYPOINT [\"dotnet\", \"/app/PiNeurons.Aggregator.dll\"]", "ENTRYPOINT dotnet /app/PiNeurons.Aggregator.dll" },
        { nameof(AggregatorRules.EntrypointRunsTheDllWithDotnet), "ENTRYPOINT [\"dotnet\", \"/app/PiNeurons.Aggregator.dll\"]", "ENTRYPOINT [\"/app/PiNeurons.Aggregator\"]" },
        { nameof(AggregatorRules.StateDirIsAVolumeTheUserOwns), "VOLUME [\"/var/lib/pineurons-aggregator\"]", "" },
        { nameof(AggregatorRules.StateDirIsAVolumeTheUserOwns), "--chown=app:app ", "" },
        { nameof(AggregatorRules.StateDirIsAVolumeTheUserOwns), "\"--state-dir\", \"/var/lib/pineurons-aggregator\"", "\"--db\", \"/tmp/events.db\"" },
        { nameof(AggregatorRules.StateDirIsAVolumeTheUserOwns), "\"--urls\", \"http://0.0.0.0:8080\", ", "" },
    };

    [Fact]
    public void EveryRule_HoldsOnTheGoodSample()
    {
        var dockerfile = DockerfileModel.Parse(Good);
        foreach (var rule in Breakages.Select(row => (string)row[0]).Distinct())
        {
            Problems.AssertNone($"good sample, rule {rule}", Check(rule, dockerfile));
        }
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Rule_FailsOnADockerfileThatBreaksIt(string rule, string find, string replaceWith)
    {
        Assert.Contains(find, Good, StringComparison.Ordinal);
        var broken = DockerfileModel.Parse(Good.Replace(find, replaceWith, StringComparison.Ordinal));

        Assert.NotEmpty(Check(rule, broken));
    }

    private static IEnumerable<string> Check(string rule, DockerfileModel dockerfile) => rule switch
    {
        nameof(AggregatorRules.FinalStageIsMultiArchAspnet10) => AggregatorRules.FinalStageIsMultiArchAspnet10(dockerfile),
        nameof(AggregatorRules.PublishesTheAggregator) => AggregatorRules.PublishesTheAggregator(dockerfile),
        nameof(AggregatorRules.RunsAsNonRoot) => AggregatorRules.RunsAsNonRoot(dockerfile),
        nameof(AggregatorRules.HealthcheckProbesHealthz) => AggregatorRules.HealthcheckProbesHealthz(dockerfile),
        nameof(AggregatorRules.Exposes8080) => AggregatorRules.Exposes8080(dockerfile),
        nameof(AggregatorRules.EntrypointRunsTheDllWithDotnet) => AggregatorRules.EntrypointRunsTheDllWithDotnet(dockerfile),
        nameof(AggregatorRules.StateDirIsAVolumeTheUserOwns) => AggregatorRules.StateDirIsAVolumeTheUserOwns(dockerfile),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown rule"),
    };
}
