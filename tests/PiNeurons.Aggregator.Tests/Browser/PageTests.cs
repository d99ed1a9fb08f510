using Microsoft.Playwright;
using PiNeurons.Aggregator.Api;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>The live page in a real Chromium against <see cref="StubAggregator"/>: drawing, flashing, timeline, commands.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<string> _requests = [];
    private readonly List<Answer> _answers = [];
    private readonly List<string> _errors = [];
    private StubAggregator _stub = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var xor = StubNetwork.Xor();
        xor.Single(n => n.Id == "h3").Status = "offline";
        var h2 = xor.Single(n => n.Id == "h2");
        (h2.LastSeq, h2.MissingSeqs) = (5, 2);
        _stub = await StubAggregator.StartAsync(xor);
        (_context, _page) = await browser.NewPageAsync();
        _context.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request.Url);
            }
        };
        _context.Response += (_, response) =>
        {
            lock (_answers)
            {
                _answers.Add(new Answer(response.Url, response.Request.ResourceType, response.Status, response.Headers.GetValueOrDefault("content-type")));
            }
        };
        _context.RequestFailed += (_, request) =>
        {
            lock (_answers)
            {
                _answers.Add(new Answer(request.Url, request.ResourceType, 0, request.Failure));
            }
        };
        _page.Console += (_, message) =>
        {
            output.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        _page.PageError += (_, error) =>
        {
            output.WriteLine($"page error: {error}");
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Open_XorNetwork_DrawsSixNeuronsSevenEdgesAndTheInhibitoryOneDiffers()
    {
        await OpenAsync();

        var ids = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#nodes [data-neuron]')].map(g => g.dataset.neuron).sort()");
        Assert.Equal(["h1", "h2", "h3", "x", "y", "z"], ids);
        var inhibitory = _page.Locator("#edges .edge.inhibitory");
        Assert.Equal(1, await inhibitory.CountAsync());
        Assert.Equal("h2", await inhibitory.GetAttributeAsync("data-from"));
        Assert.Equal("z", await inhibitory.GetAttributeAsync("data-to"));
        Assert.Equal("url(#arrow-inhibitory)", await inhibitory.GetAttributeAsync("marker-end"));
        // Visibly different: another colour and dashed, not only another class.
        var look = await inhibitory.EvaluateAsync<string[]>("p => [getComputedStyle(p).stroke, getComputedStyle(p).strokeDasharray]");
        var plain = await _page.Locator("#edges .edge.excitatory").First.EvaluateAsync<string[]>("p => [getComputedStyle(p).stroke, getComputedStyle(p).strokeDasharray]");
        Assert.NotEqual(plain[0], look[0]);
        Assert.NotEqual("none", look[1]);
        Assert.Equal("none", plain[1]);
        Assert.Equal(6, await _page.Locator("#edges .edge.excitatory").CountAsync());
        // The weights are written on the edges.
        var labels = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#edge-labels text.weight')].map(t => t.textContent).sort()");
        Assert.Equal(["-2", "1", "1", "1", "1", "1", "1"], labels);
        // Layers: inputs left of the hidden layer, which is left of the output.
        var x = await XOfAsync("x");
        Assert.True(x < await XOfAsync("h1") && await XOfAsync("h1") < await XOfAsync("z"));
        Assert.Equal(x, await XOfAsync("y"));
    }

    [Fact]
    public async Task FiredEvents_XThenH1ThenZ_FlashInThatOrderAndTheTimelineShowsThemNewestFirst()
    {
        await OpenAsync();

        var ids = new[] { _stub.PushEvent("x", "fired", "external"), _stub.PushEvent("h1", "fired", "x", hop: 1), _stub.PushEvent("z", "fired", "h1", hop: 2) };

        var flashes = await WaitForFlashesAsync(_page, 3);
        Assert.Equal([new Flash("x", ids[0], true), new Flash("h1", ids[1], true), new Flash("z", ids[2], true)], flashes);
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#timeline-body tr[data-type=fired]').length === 3", null, new() { Timeout = WaitMs });
        var fired = (await TimelineAsync(_page)).Where(r => r.Type == "fired").ToList();
        Assert.Equal([("z", "fired", ids[2]), ("h1", "fired", ids[1]), ("x", "fired", ids[0])], fired);
        // The firing count and the counters follow the stream.
        await _page.WaitForFunctionAsync("() => document.querySelector('.node[data-neuron=z]').dataset.firedCount === '1'", null, new() { Timeout = WaitMs });
        Assert.Equal("1", await _page.Locator("#counters-body tr[data-counter-neuron=x] td:nth-child(3)").TextContentAsync());
        await ScreenshotAsync(_page, "xor-page.png", output);
    }

    [Fact]
    public async Task FiredEvent_Repeated_RestartsTheFlashAndLogsEachOne()
    {
        await OpenAsync();

        // A flash lasts 400 ms, less than one poll for a class may take on a busy machine: count the flash
        // animations of x as they start instead, which proves each flash was shown, not only logged.
        await _page.EvaluateAsync(
            "() => { window.xFlashes = 0; document.getElementById('nodes').addEventListener('animationstart', ev => { if (ev.animationName === 'fire' && ev.target.closest('.node[data-neuron=x]')) window.xFlashes++; }); }");
        var first = _stub.PushEvent("x", "fired", "external");
        await _page.WaitForFunctionAsync("() => window.xFlashes === 1", null, new() { Timeout = WaitMs });
        var second = _stub.PushEvent("x", "fired", "button");

        var flashes = await WaitForFlashesAsync(_page, 2);
        Assert.Equal([first, second], flashes.Select(f => f.EventId));
        await _page.WaitForFunctionAsync("() => window.xFlashes === 2", null, new() { Timeout = WaitMs });
        await _page.Locator(".node[data-neuron=x]:not(.firing)").WaitForAsync(new() { Timeout = WaitMs });
    }

    [Fact]
    public async Task Filters_NeuronAndType_NarrowTheTimelineAndRequeryOlderMatches()
    {
        // The only h3 event is older than the 200 the page loads first: the re-query must bring it.
        var old = _stub.AddHistory("h3", "kicked", "y");
        for (var i = 0; i < 240; i++)
        {
            _stub.AddHistory(i % 2 == 0 ? "x" : "h1", i % 3 == 0 ? "fired" : "kicked", "external");
        }

        await OpenAsync();
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#timeline-body tr').length === 200", null, new() { Timeout = WaitMs });
        Assert.Equal(0, await _page.Locator("#timeline-body tr[data-neuron=h3]").CountAsync());

        await _page.SelectOptionAsync("#filter-neuron", "h1");
        await _page.WaitForFunctionAsync("() => [...document.querySelectorAll('#timeline-body tr')].every(r => r.dataset.neuron === 'h1')", null, new() { Timeout = WaitMs });
        await _page.SelectOptionAsync("#filter-type", "fired");
        await _page.WaitForFunctionAsync(
            "() => { const rows = [...document.querySelectorAll('#timeline-body tr')]; return rows.length === 40 && rows.every(r => r.dataset.neuron === 'h1' && r.dataset.type === 'fired'); }",
            null, new() { Timeout = WaitMs });
        var rows = await TimelineAsync(_page);
        Assert.Equal(rows.OrderByDescending(r => r.Id), rows);

        await _page.SelectOptionAsync("#filter-type", "");
        await _page.SelectOptionAsync("#filter-neuron", "h3");
        await _page.Locator($"#timeline-body tr[data-event-id='{old}']").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal(1, await _page.Locator("#timeline-body tr").CountAsync());
        Assert.Contains("neuron=h3", _stub.EventQueries[^1], StringComparison.Ordinal);

        // A live event that does not match the filter stays out; one that does comes in on top.
        _stub.PushEvent("x", "kicked", "external");
        var h3 = _stub.PushEvent("h3", "kicked", "y");
        await _page.Locator($"#timeline-body tr[data-event-id='{h3}']").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal([h3, old], (await TimelineAsync(_page)).Select(r => r.Id));
    }

    [Fact]
    public async Task Stream_Dropped_ReconnectsWithLastEventIdAndShowsWhatWasMissed()
    {
        await OpenAsync();
        var before = _stub.PushEvent("x", "fired", "external");
        await WaitForFlashesAsync(_page, 1);

        _stub.DropStreams();
        var missed = _stub.PushEvent("h1", "fired", "x", hop: 1);

        var flashes = await WaitForFlashesAsync(_page, 2);
        Assert.Equal([before, missed], flashes.Select(f => f.EventId));
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), _stub.LastEventIds[0]);
        await WaitForLiveAsync(_page);
        await _page.Locator($"#timeline-body tr[data-event-id='{missed}']").WaitForAsync(new() { Timeout = WaitMs });
    }

    [Fact]
    public async Task Open_OfflineNeuronAndSequenceGap_ShowOfflineAndTheMissingBadge()
    {
        await OpenAsync();

        var h3 = _page.Locator(".node[data-neuron=h3]");
        Assert.Contains("offline", await h3.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("offline", await h3.Locator("title").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("online", await _page.Locator(".node[data-neuron=x]").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.True(await _page.Locator(".node[data-neuron=h2] .missing-badge").IsVisibleAsync());
        Assert.Equal("!2", await _page.Locator(".node[data-neuron=h2] .missing-badge text").TextContentAsync());
        Assert.False(await _page.Locator(".node[data-neuron=x] .missing-badge").IsVisibleAsync());
        Assert.Equal("2", await _page.Locator("#counters-body tr[data-counter-neuron=h2] td:nth-child(6)").TextContentAsync());

        // A `neuron` message flips the status live.
        var x = StubNetwork.Xor().Single(n => n.Id == "x");
        x.Status = "offline";
        _stub.PushNeuron(x);
        await _page.Locator(".node[data-neuron=x].offline").WaitForAsync(new() { Timeout = WaitMs });
    }

    [Fact]
    public async Task NeuronMessage_UnknownNeuron_RedrawsFromTheTopology()
    {
        await OpenAsync();

        var w = new StubNeuron { Id = "w", Weights = { ["z"] = 0.5 } };
        var z = StubNetwork.Xor().Single(n => n.Id == "z");
        z.Connections.Add("w");
        _stub.PushNeuron(z);
        _stub.PushNeuron(w);

        await WaitForNodesAsync(_page, 7, 8);
        Assert.True(await XOfAsync("w") > await XOfAsync("z"));
    }

    [Fact]
    public async Task KickButton_OnX_PostsKickToX()
    {
        await OpenAsync();

        await _page.Locator(".node[data-neuron=x]").ClickAsync();
        await _page.Locator("#node-panel button[data-action=kick]").ClickAsync();

        await _page.Locator("#command-status.ok").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal([new RecordedCommand("x", "kick", null, 202)], _stub.Commands);
        Assert.Contains("pineurons/x/kick", await _page.Locator("#command-status").TextContentAsync() ?? "", StringComparison.Ordinal);

        await _page.Locator("#counters-body tr[data-counter-neuron=h1] button[data-action=fire]").ClickAsync();
        await _page.WaitForFunctionAsync("() => document.getElementById('command-status').textContent.startsWith('Fired h1')", null, new() { Timeout = WaitMs });
        Assert.Equal(new RecordedCommand("h1", "fire", null, 202), _stub.Commands[^1]);
        AssertOnlyServerRequests();
    }

    [Fact]
    public async Task KickButton_TokenRequiredAndNotEntered_AsksForItThenSendsTheBearer()
    {
        _stub.OperatorToken = "s3cret-token";
        await OpenAsync();
        var kick = _page.Locator("#counters-body tr[data-counter-neuron=x] button[data-action=kick]");

        await kick.ClickAsync();
        var message = _page.Locator("#command-status.auth");
        await message.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains("operator token", await message.TextContentAsync() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(401, _stub.Commands[^1].Status);

        await _page.FillAsync("#operator-token", "s3cret-token");
        await kick.ClickAsync();
        await _page.Locator("#command-status.ok").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal(new RecordedCommand("x", "kick", "Bearer s3cret-token", 202), _stub.Commands[^1]);

        // Remembered for the next visit.
        await _page.ReloadAsync();
        Assert.Equal("s3cret-token", await _page.InputValueAsync("#operator-token"));
    }

    [Fact]
    public async Task KickButton_ServerError_ShowsTheServersReason()
    {
        await OpenAsync();
        _stub.CommandFailure = (503, "not connected to the broker");

        await _page.Locator(".node[data-neuron=z]").ClickAsync();
        await _page.Locator("#node-panel button[data-action=kick]").ClickAsync();

        var message = _page.Locator("#command-status.error");
        await message.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains("503", await message.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("not connected to the broker", await message.TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TwoHundredNeurons_FitsEveryNodeInTheSvgWithoutOverlap()
    {
        await using var dense = await StubAggregator.StartAsync(StubNetwork.Layered(10, 20));
        await _page.GotoAsync(dense.Address.ToString());
        await WaitForNodesAsync(_page, 200, 600);

        var boxes = await EvaluateJsonAsync<Box[]>(_page, 
            "() => [...document.querySelectorAll('#nodes [data-neuron]')].map(g => { const r = g.getBoundingClientRect(); return { id: g.dataset.neuron, x: r.x, y: r.y, w: r.width, h: r.height }; })");
        var svg = await EvaluateJsonAsync<Box>(_page, 
            "() => { const r = document.getElementById('graph').getBoundingClientRect(); return { id: 'svg', x: r.x, y: r.y, w: r.width, h: r.height }; }");
        Assert.Equal(200, boxes.Length);
        Assert.All(boxes, b =>
        {
            Assert.True(b.W > 0 && b.H > 0, $"{b.Id} has no size");
            Assert.True(b.X >= svg.X && b.Y >= svg.Y && b.X + b.W <= svg.X + svg.W && b.Y + b.H <= svg.Y + svg.H, $"{b.Id} {b} is outside the svg {svg}");
        });
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                Assert.False(boxes[i].Overlaps(boxes[j]), $"{boxes[i]} overlaps {boxes[j]}");
            }
        }

        // Still readable: the labels are not shrunk to specks.
        var fontPx = await _page.EvaluateAsync<double>(
            "() => { const t = document.querySelector('#nodes .node .id'); return t.getBoundingClientRect().height; }");
        Assert.True(fontPx >= 7, $"node labels are {fontPx:0.#} px high");
        Assert.Equal(120, await _page.Locator("#edges .edge.inhibitory").CountAsync());
        await ScreenshotAsync(_page, "dense-page.png", output);
    }

    [Fact]
    public async Task Session_LoadStreamAndCommand_RequestsNothingButTheServer()
    {
        await OpenAsync();
        _stub.PushEvent("x", "fired", "external");
        await WaitForFlashesAsync(_page, 1);
        await _page.Locator(".node[data-neuron=y]").ClickAsync();
        await _page.Locator("#node-panel button[data-action=fire]").ClickAsync();
        await _page.Locator("#command-status.ok").WaitForAsync(new() { Timeout = WaitMs });

        AssertOnlyServerRequests();
        Assert.Contains(_requests, u => u.EndsWith("/app.js", StringComparison.Ordinal));
        Assert.Contains(_requests, u => u.EndsWith("/api/stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_PageOfJavaScriptModules_LoadsEveryModuleAndShowsTheNetworkWithoutAnError()
    {
        await OpenAsync();

        // What the user sees: the graph, the counters, the summary and the live badge, each drawn by another module.
        Assert.Equal("Neuron network: 6 neurons, 7 connections", await _page.Locator("#graph-title").TextContentAsync());
        Assert.Equal(6, await _page.Locator("#counters-body tr").CountAsync());
        Assert.Equal("6 neurons · 5 online · 7 connections", await _page.Locator("#summary").TextContentAsync());
        Assert.Equal("live", await _page.Locator("#connection .label").TextContentAsync());
        Assert.Equal("module", await _page.Locator("script[src='app.js']").GetAttributeAsync("type"));
        Answer[] answers;
        lock (_answers)
        {
            answers = [.. _answers];
        }

        // No 404 or failed load: every module app.js imports, and the modules they import, were there.
        Assert.All(answers, a => Assert.True(a.Status is >= 200 and < 400, $"{a.Url} ({a.ResourceType}) answered {a.Status} {a.Detail}"));
        var scripts = answers.Where(a => a.ResourceType == "script").ToList();
        Assert.All(scripts, a => Assert.StartsWith("text/javascript", a.Detail ?? "", StringComparison.Ordinal));
        // The page loaded every module the aggregator serves, so none is left over from a split.
        var served = PageEndpoints.Files.Select(f => f.Path).Where(p => p.EndsWith(".js", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(served, scripts.Select(a => new Uri(a.Url).AbsolutePath).Distinct().Order(StringComparer.Ordinal));
        Assert.True(scripts.Count > 1, "the page loaded one script, not modules");
        // A module that throws while loading, or an import that names nothing, shows here.
        lock (_errors)
        {
            Assert.Empty(_errors);
        }
    }

    private async Task OpenAsync()
    {
        await _page.GotoAsync(_stub.Address.ToString());
        await WaitForNodesAsync(_page, 6, 7);
        await WaitForLiveAsync(_page);
    }

    private async Task<double> XOfAsync(string id) =>
        await _page.Locator($".node[data-neuron={id}]").EvaluateAsync<double>("g => g.getBoundingClientRect().x");

    private void AssertOnlyServerRequests()
    {
        string[] requests;
        lock (_requests)
        {
            requests = [.. _requests];
        }

        Assert.NotEmpty(requests);
        // data: URLs (the empty favicon) never leave the browser.
        Assert.All(requests.Where(u => !u.StartsWith("data:", StringComparison.Ordinal)),
            u => Assert.StartsWith(_stub.Address.ToString(), u, StringComparison.Ordinal));
    }

    /// <summary>What the browser got for a request: the status and content type, or 0 and why it failed.</summary>
    private sealed record Answer(string Url, string ResourceType, int Status, string? Detail);

    /// <summary>A client rectangle, in CSS pixels.</summary>
    public sealed record Box(string Id, double X, double Y, double W, double H)
    {
        public bool Overlaps(Box o) => X < o.X + o.W && o.X < X + W && Y < o.Y + o.H && o.Y < Y + H;
    }
}
