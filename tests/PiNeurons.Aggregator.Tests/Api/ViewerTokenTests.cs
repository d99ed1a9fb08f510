using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PiNeurons.Aggregator.Api;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>The read-only page may be public or not. With a viewer token it is not.</summary>
public sealed class ViewerTokenTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private AggregatorFactory _factory = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-viewer-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "viewer"), "look\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "operator"), "act\n");
        _factory = new AggregatorFactory(fixture.Broker, stateDir: dir, settings: new Dictionary<string, string?>
        {
            ["Aggregator:ViewerTokenFile"] = Path.Combine(dir, "viewer"),
            ["Aggregator:OperatorTokenFile"] = Path.Combine(dir, "operator"),
        });
        _http = _factory.CreateClient();
        await ApiTests.WaitHealthyAsync(_factory, _http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(method, url) { Headers = { Authorization = auth } };
        return await _http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/neurons")]
    [InlineData("/api/events")]
    [InlineData("/api/stream")]
    [InlineData("/metrics")]
    public async Task Read_WithoutToken_401AskingTheBrowserToLogIn(string url)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("viewer token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_EveryFileOfThePage_401WithoutTokenServedWithTheBrowserLogin()
    {
        Assert.True(PageEndpoints.Files.Count > 3, "the page's JavaScript modules are not among its files");
        foreach (var file in PageEndpoints.Files)
        {
            using var without = await SendAsync(HttpMethod.Get, file.Path, null);
            using var with = await SendAsync(HttpMethod.Get, file.Path, Basic("anyone", "look"));

            Assert.True(without.StatusCode == HttpStatusCode.Unauthorized, $"{file.Path} answered {without.StatusCode} without the viewer token");
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        }
    }

    [Fact]
    public async Task Read_BrowserLoginWithTheViewerToken_PageAndApiServed()
    {
        using var page = await SendAsync(HttpMethod.Get, "/", Basic("anyone", "look"));
        using var api = await SendAsync(HttpMethod.Get, "/api/neurons", Basic("anyone", "look"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Read_BearerViewerOrOperatorToken_Served()
    {
        using var viewer = await SendAsync(HttpMethod.Get, "/metrics", new AuthenticationHeaderValue("Bearer", "look"));
        using var @operator = await SendAsync(HttpMethod.Get, "/api/topology", new AuthenticationHeaderValue("Bearer", "act"));

        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, @operator.StatusCode);
    }

    [Theory]
    [InlineData("Bearer", "guess")]
    [InlineData("Basic", "not base64!")]
    [InlineData("Basic", "bG9vaw==")] // "look" without a user name and colon
    public async Task Read_WrongCredentials_401(string scheme, string parameter)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/neurons", new AuthenticationHeaderValue(scheme, parameter));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_WithoutToken_StaysOpenForTheSwarmHealthCheck()
    {
        using var response = await SendAsync(HttpMethod.Get, "/healthz", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Commands_ViewerToken_NotEnoughOperatorTokenIs()
    {
        using var viewer = await SendAsync(HttpMethod.Post, "/api/neurons/x/fire", new AuthenticationHeaderValue("Bearer", "look"));
        using var @operator = await SendAsync(HttpMethod.Post, "/api/neurons/x/fire", new AuthenticationHeaderValue("Bearer", "act"));

        Assert.Equal(HttpStatusCode.Unauthorized, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, @operator.StatusCode);
    }
}
