using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary><see cref="ImageLabelRules"/> fails on a Dockerfile that breaks it, so its green runs on the two Dockerfiles
/// mean the labels are there, not that the rule could not fail.</summary>
public sealed class ImageLabelRulesTests
{
    private const string Version = "1.2.3";
    private const string License = "MIT";

    private const string Good = """
        FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        RUN dotnet publish src/PiNeurons.Aggregator/PiNeurons.Aggregator.csproj -o /app -p:UseAppHost=false

        FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
        COPY --from=build /app /app
        USER app
        ARG VERSION=1.2.3
        ARG REVISION
        ARG SOURCE
        LABEL org.opencontainers.image.title="PiNeurons aggregator" \
              org.opencontainers.image.description="Stores the events" \
              org.opencontainers.image.licenses="MIT" \
              org.opencontainers.image.version="${VERSION}" \
              org.opencontainers.image.revision="${REVISION}" \
              org.opencontainers.image.source="${SOURCE}"
        ENTRYPOINT ["dotnet", "/app/PiNeurons.Aggregator.dll"]
        """;

    [Fact]
    public void GoodDockerfile_PassesTheRule() =>
        Assert.Empty(ImageLabelRules.FinalStageIsLabelled(DockerfileModel.Parse(Good), Version, License));

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "title missing", "org.opencontainers.image.title=\"PiNeurons aggregator\" \\", "\\" },
        { "another licence", "licenses=\"MIT\"", "licenses=\"Apache-2.0\"" },
        { "version written in", "version=\"${VERSION}\"", "version=\"1.2.3\"" },
        { "revision not from its arg", "revision=\"${REVISION}\"", "revision=\"${VERSION}\"" },
        { "source missing", "org.opencontainers.image.source=\"${SOURCE}\"", "org.opencontainers.image.url=\"${SOURCE}\"" },
        { "version arg with another default", "ARG VERSION=1.2.3", "ARG VERSION=0.0.1" },
        { "revision arg undeclared", "ARG REVISION\n", "" },
        { "args above the last layer", "COPY --from=build /app /app\nUSER app\nARG VERSION=1.2.3", "ARG VERSION=1.2.3\nCOPY --from=build /app /app\nUSER app" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Rule_FailsOnADockerfileThatBreaksIt(string breakage, string from, string to)
    {
        var good = Good.ReplaceLineEndings("\n");
        Assert.True(good.Contains(from, StringComparison.Ordinal), $"{breakage}: the good Dockerfile has no '{from}' to replace.");

        var problems = ImageLabelRules.FinalStageIsLabelled(DockerfileModel.Parse(good.Replace(from, to, StringComparison.Ordinal)), Version, License);

        Assert.NotEmpty(problems);
    }
}
