using Microsoft.Playwright;
using PiNeurons.Aggregator.Tests.Api;
using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// The live page shows learning: a publisher speaks for learning neurons over a real Mosquitto (learned events and
/// republished states), the real aggregator serves them, and the page in Chromium shows the new weights and
/// thresholds, each neuron's rule, and teaches through its buttons.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LearningPageTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task LearnedEvents_ThenTheRepublishedState_TheEdgePulsesWithTheNewWeight_AndTheNodeWithItsNewThreshold()
    {
        await using var aggregator = await LiveAggregator.StartAsync(brokerFixture.Broker);
        var neurons = aggregator.Neurons;
        await neurons.StateAsync("h1", 0.9, ["z"], "{}");
        await neurons.StateAsync("z", 0.9, [], "{\"h1\":0.4}", learning: ProtocolPublisher.Perceptron);
        var (context, page) = await OpenAsync(aggregator, nodes: 2, edges: 1);
        await using var _ = context;
        Assert.Equal("0.4", await WeightAsync(page, "h1", "z"));
        Assert.Equal("perceptron", await page.Locator(".node[data-neuron=z] .learning-badge text").TextContentAsync());
        Assert.True(await page.Locator(".node[data-neuron=z] .learning-badge").IsVisibleAsync());
        Assert.False(await page.Locator(".node[data-neuron=h1] .learning-badge").IsVisibleAsync());
        // A pulse lasts a moment: count the animations as they start rather than poll for a class.
        await page.EvaluateAsync(
            "() => { window.pulses = []; document.getElementById('graph').addEventListener('animationstart', ev => { if (ev.animationName === 'learn') { const el = ev.target.closest('[data-from],[data-neuron]'); window.pulses.push(el.dataset.neuron || `${el.dataset.from}->${el.dataset.to}`); } }); }");

        // The event alone: its new weight shows before any state says so.
        await neurons.LearnedAsync("z", 1, "h1", 0.4, 0.5);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#edge-labels .edge-label[data-from=h1][data-to=z] text.weight').textContent === '0.5'", null, new() { Timeout = WaitMs });
        await page.WaitForFunctionAsync("() => window.pulses.includes('h1->z')", null, new() { Timeout = WaitMs });
        Assert.Equal("0.5", await page.Locator("#edges .edge[data-from=h1][data-to=z]").GetAttributeAsync("data-weight"));
        var row = page.Locator("#timeline-body tr[data-type=learned]");
        await row.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains("weight 0.4 → 0.5", await row.TextContentAsync() ?? "", StringComparison.Ordinal);

        // Then the threshold, and the state the neuron republishes after learning.
        await neurons.LearnedAsync("z", 2, null, 0.9, 0.8);
        await neurons.StateAsync("z", 0.8, [], "{\"h1\":0.5}", learning: ProtocolPublisher.Perceptron);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('.node[data-neuron=z] .stats').textContent.startsWith('θ 0.8')", null, new() { Timeout = WaitMs });
        await page.WaitForFunctionAsync("() => window.pulses.includes('z')", null, new() { Timeout = WaitMs });
        Assert.Equal("0.5", await WeightAsync(page, "h1", "z"));
        await ScreenshotAsync(page, "learning.png", output);

        // A state alone moves the weight too.
        await neurons.StateAsync("z", 0.8, [], "{\"h1\":0.7}", learning: ProtocolPublisher.Perceptron);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#edge-labels .edge-label[data-from=h1][data-to=z] text.weight').textContent === '0.7'", null, new() { Timeout = WaitMs });
    }

    [Fact]
    public async Task TeachButtons_OfAPerceptron_PublishTheTargetOnItsTeachTopic_AndNeuronsThatLearnNoOtherWayHaveNone()
    {
        await using var aggregator = await LiveAggregator.StartAsync(brokerFixture.Broker);
        await using var teach = await MqttProbe.ConnectAsync(brokerFixture.Broker.Url, $"{aggregator.Root}/+/teach");
        await aggregator.Neurons.StateAsync("x", 0.9, ["z", "s"], "{}", learning: "{\"rule\":\"none\"}");
        await aggregator.Neurons.StateAsync("z", 0.9, [], "{\"x\":1}", learning: ProtocolPublisher.Perceptron);
        await aggregator.Neurons.StateAsync("s", 0.9, [], "{\"x\":1}", learning: "{\"rule\":\"stdp\",\"aPlus\":0.05,\"aMinus\":0.05,\"tauPlusMs\":20,\"tauMinusMs\":20,\"maxWeight\":10}");
        var (context, page) = await OpenAsync(aggregator, nodes: 3, edges: 2);
        await using var _ = context;

        await page.Locator(".node[data-neuron=z]").ClickAsync();
        Assert.Equal(
            "perceptron · rate 0.1 · teach window 5000 ms · max weight 10",
            await page.Locator("#node-panel dd[data-field=learning]").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Should fire", Exact = true }).ClickAsync();

        await teach.WaitForAsync($"{aggregator.Root}/z/teach", "{\"target\":1}");
        var status = page.Locator("#command-status.ok");
        await status.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal($"Taught z: it should fire (published on {aggregator.Root}/z/teach).", await status.TextContentAsync());
        await ScreenshotAsync(page, "teach-panel.png", output);

        await page.GetByRole(AriaRole.Button, new() { Name = "Should not fire", Exact = true }).ClickAsync();
        await teach.WaitForAsync($"{aggregator.Root}/z/teach", "{\"target\":0}");

        // STDP learns from the timing of kicks and firings alone: nothing to teach it. (The open panel covers s.)
        await page.Locator("#node-panel button[data-action=close]").ClickAsync();
        await page.Locator(".node[data-neuron=s]").ClickAsync();
        await page.Locator("#node-panel-title", new() { HasText = "s" }).WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal("stdp · A+ 0.05 · A− 0.05 · τ+ 20 ms · τ− 20 ms · max weight 10", await page.Locator("#node-panel dd[data-field=learning]").TextContentAsync());
        Assert.True(await page.Locator("#node-panel-teach").IsHiddenAsync());
        Assert.Equal("stdp", await page.Locator(".node[data-neuron=s] .learning-badge text").TextContentAsync());

        await page.Locator(".node[data-neuron=x]").ClickAsync();
        await page.Locator("#node-panel-title", new() { HasText = "x" }).WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal("none", await page.Locator("#node-panel dd[data-field=learning]").TextContentAsync());
        Assert.True(await page.Locator("#node-panel-teach").IsHiddenAsync());
        Assert.False(await page.Locator(".node[data-neuron=x] .learning-badge").IsVisibleAsync());
        Assert.Equal(2, teach.Received.Count);
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(LiveAggregator aggregator, int nodes, int edges)
    {
        var (context, page) = await browser.NewPageAsync();
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        await page.GotoAsync(aggregator.Address.ToString());
        await WaitForNodesAsync(page, nodes, edges);
        await WaitForLiveAsync(page);
        return (context, page);
    }

    private static Task<string?> WeightAsync(IPage page, string from, string to) =>
        page.Locator($"#edge-labels .edge-label[data-from={from}][data-to={to}] text.weight").TextContentAsync();
}
