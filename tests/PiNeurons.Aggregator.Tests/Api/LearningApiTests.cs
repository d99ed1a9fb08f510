using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// Learning through the real aggregator on a real Mosquitto: the teach command goes out on the neuron's teach topic,
/// learned events are kept with what they changed, and the topology names each neuron's rule.
/// </summary>
public sealed class LearningApiTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync(fixture.Broker);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Teach_TargetOneOrZero_IsPublishedOnTheNeuronsTeachTopic()
    {
        await using var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_api.Factory.Root}/z/#");

        using var one = await PostTeachAsync(_api.Http, "z", "{\"target\":1}");
        using var zero = await PostTeachAsync(_api.Http, "z", "{ \"target\" : 0.0 }");

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal($"{_api.Factory.Root}/z/teach", (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetString());
        Assert.Equal(HttpStatusCode.Accepted, zero.StatusCode);
        await neuron.WaitForAsync($"{_api.Factory.Root}/z/teach", "{\"target\":1}");
        // However the number was written, the neuron gets the protocol's one form.
        await neuron.WaitForAsync($"{_api.Factory.Root}/z/teach", "{\"target\":0}");
    }

    [Theory]
    [InlineData("", "the body is not JSON")]
    [InlineData("{not json", "the body is not JSON")]
    [InlineData("[1]", "the body must be")]
    [InlineData("{}", "target is missing")]
    [InlineData("{\"target\":2}", "target must be 1")]
    [InlineData("{\"target\":0.5}", "target must be 1")]
    [InlineData("{\"target\":\"1\"}", "target must be 1")]
    [InlineData("{\"target\":true}", "target must be 1")]
    [InlineData("{\"target\":null}", "target must be 1")]
    [InlineData("{\"target\":1,\"target\":0}", "target is given twice")]
    [InlineData("{\"target\":1,\"why\":\"x\"}", "unknown field 'why'")]
    public async Task Teach_BadBody_Is400SayingWhy_AndNothingIsPublished(string body, string reason)
    {
        await using var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_api.Factory.Root}/#");

        using var response = await PostTeachAsync(_api.Http, "z", body);
        // A command published afterwards proves the refused one would have arrived before it.
        using var marker = await _api.Http.PostAsync("/api/neurons/marker/fire", null);
        await neuron.WaitForAsync($"{_api.Factory.Root}/marker/fire");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(neuron.Received, m => m.Topic.StartsWith($"{_api.Factory.Root}/z/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teach_WithOperatorToken_NeedsTheBearerToken()
    {
        var tokenFile = Path.Combine(_api.Factory.StateDir, "token");
        await File.WriteAllTextAsync(tokenFile, "s3cret\n");
        await using var guarded = new AggregatorFactory(fixture.Broker, settings: new Dictionary<string, string?> { ["Aggregator:OperatorTokenFile"] = tokenFile });
        using var http = guarded.CreateClient();
        await ApiTests.WaitHealthyAsync(guarded, http);

        using var none = await PostTeachAsync(http, "z", "{\"target\":1}");
        using var right = await PostTeachAsync(http, "z", "{\"target\":1}", "s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
    }

    [Fact]
    public async Task LearnedEvents_AreKeptWithWhatTheyChanged_CountedInMetrics_AndTheTopologyNamesEachRule()
    {
        await _api.Neurons.StateAsync("h1", 1, ["z"], "{}", learning: "{\"rule\":\"none\"}");
        await _api.Neurons.StateAsync("z", 0.9, [], "{\"h1\":0.5}", learning: ProtocolPublisher.Perceptron);
        await _api.Neurons.StateAsync("s", 1, [], "{}", learning: "{\"rule\":\"stdp\",\"aPlus\":0.05,\"aMinus\":0.05,\"tauPlusMs\":20,\"tauMinusMs\":20,\"maxWeight\":10}");
        await _api.Neurons.StateAsync("old", 1, [], "{}");
        await _api.Neurons.LearnedAsync("z", 51, "h1", 0.4, 0.5);
        await _api.Neurons.LearnedAsync("z", 52, null, 0.9, 0.8);

        var page = await Eventually.MatchAsync(
            _api.Factory,
            async () => JsonDocument.Parse(await _api.Http.GetStringAsync("/api/events?neuron=z&type=learned")).RootElement.Clone(),
            j => j.GetProperty("events").GetArrayLength() == 2,
            "z's two learned events");
        var topology = JsonDocument.Parse(await _api.Http.GetStringAsync("/api/topology")).RootElement;
        var metrics = await _api.Http.GetStringAsync("/metrics");

        var threshold = page.GetProperty("events")[0];
        var weight = page.GetProperty("events")[1];
        Assert.Equal(("h1", "perceptron", "weight", 0.4, 0.5), (weight.GetProperty("from").GetString(), Learned(weight, "rule"), Learned(weight, "field"), Number(weight, "old"), Number(weight, "new")));
        Assert.Equal("teach: target 1, output 0", weight.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, threshold.GetProperty("from").ValueKind);
        Assert.Equal(("threshold", 0.9, 0.8), (Learned(threshold, "field"), Number(threshold, "old"), Number(threshold, "new")));
        var rules = topology.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("learning").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["h1"] = null, ["old"] = null, ["s"] = "stdp", ["z"] = "perceptron" }, rules);
        Assert.Contains($"pineurons_aggregator_events_ingested_total{{neuron=\"z\",type=\"learned\"}} 2\n", metrics, StringComparison.Ordinal);

        // Other events carry no change.
        await _api.Neurons.EventAsync("z", 53, "kicked", "h1");
        var kicked = await Eventually.MatchAsync(
            _api.Factory,
            async () => JsonDocument.Parse(await _api.Http.GetStringAsync("/api/events?neuron=z&type=kicked")).RootElement.Clone(),
            j => j.GetProperty("events").GetArrayLength() == 1,
            "z's kick");
        Assert.Equal(JsonValueKind.Null, kicked.GetProperty("events")[0].GetProperty("learned").ValueKind);

        static string? Learned(JsonElement e, string name) => e.GetProperty("learned").GetProperty(name).GetString();
        static double Number(JsonElement e, string name) => e.GetProperty("learned").GetProperty(name).GetDouble();
    }

    private static Task<HttpResponseMessage> PostTeachAsync(HttpClient http, string id, string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/neurons/{id}/teach") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }
}
