using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Storage;

/// <summary>
/// What every <see cref="IEventStore"/> must do, run against each real database by a subclass that says how to
/// open (and reopen) its storage.
/// </summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Not a timing assert: a hung database fails the test instead of the whole run.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));

    protected IEventStore Store { get; private set; } = null!;

    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A new store instance on this test's storage (the same storage every time within one test).</summary>
    protected abstract Task<IEventStore> OpenAsync();

    /// <summary>Removes this test's storage after the store is disposed.</summary>
    protected abstract Task DeleteStorageAsync();

    public async Task InitializeAsync()
    {
        Store = await OpenAsync();
        await Store.InitializeAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DeleteStorageAsync();
        _timeout.Dispose();
    }

    /// <summary>
    /// A store, not initialized yet, on new storage of this test that an aggregator of schema version 1 made and
    /// then wrote <paramref name="sql"/> into (plain SQL both databases run).
    /// </summary>
    protected abstract Task<IEventStore> OpenVersionOneAsync(string sql);

    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
        await Store.InitializeAsync(Ct);
    }

    protected static IncomingEvent Event(
        string neuron, long seq, string type = "fired", DateTimeOffset? at = null, DateTimeOffset? received = null, string? payload = null) =>
        new(neuron, seq, type, From: "n0", At: at ?? T0.AddSeconds(seq), Hop: 1, Reason: null,
            ReceivedAt: received ?? T0.AddSeconds(seq).AddMilliseconds(5),
            Payload: payload ?? $$"""{"id":"{{neuron}}","seq":{{seq}},"type":"{{type}}"}""");

    /// <summary>An event from a neuron whose clock was unsynchronized, as ingest makes it: filed at its arrival.</summary>
    protected static IncomingEvent Unsynchronized(string neuron, long seq, DateTimeOffset neuronAt, DateTimeOffset received) =>
        Event(neuron, seq, at: received, received: received) with { ClockUnsynchronized = true, NeuronAt = neuronAt };

    protected async Task<AppendResult> AppendAsync(params IncomingEvent[] events) => await Store.AppendAsync(events, Ct);

    private static (int Inserted, int Duplicates, long Gaps) Counts(AppendResult result) => (result.Inserted, result.Duplicates, result.GapsDetected);

    protected async Task<List<StoredEvent>> ReadAllAsync()
    {
        var all = new List<StoredEvent>();
        long after = 0;
        while (true)
        {
            var page = await Store.ReadAfterAsync(after, EventQuery.MaxLimit, Ct);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Id;
        }
    }

    protected async Task<NeuronCounters> CountersOfAsync(string neuron) =>
        Assert.Single(await Store.ReadCountersAsync(Ct), c => c.Neuron == neuron);

    [Fact]
    public async Task Append_ThenQuery_NewestFirstWithEverythingAsStored()
    {
        var kicked = new IncomingEvent("a", 1, "kicked", "b", T0, 3, "because", T0.AddMilliseconds(7), """{"x":1}""");
        await AppendAsync(kicked, Event("a", 2), Event("b", 1));

        var page = await Store.QueryAsync(new EventQuery(), Ct);

        Assert.Equal([("b", 1L), ("a", 2L), ("a", 1L)], page.Select(e => (e.Event.Neuron, e.Event.Seq)));
        Assert.True(page[0].Id > page[1].Id && page[1].Id > page[2].Id);
        Assert.Equal(kicked, page[2].Event);
        Assert.Equal(TimeSpan.Zero, page[2].Event.At.Offset);
    }

    [Fact]
    public async Task Append_EmptyBatch_StoresNothing()
    {
        Assert.Equal((0, 0, 0L), Counts(await Store.AppendAsync([], Ct)));
        Assert.Equal(0, await Store.GetLastIdAsync(Ct));
        Assert.Empty(await Store.ReadCountersAsync(Ct));
    }

    [Fact]
    public async Task Query_ByNeuron_OnlyThatNeuron()
    {
        await AppendAsync(Event("a", 1), Event("b", 1), Event("a", 2), Event("c", 1));

        var page = await Store.QueryAsync(new EventQuery(Neuron: "a"), Ct);

        Assert.Equal([2L, 1L], page.Select(e => e.Event.Seq));
        Assert.All(page, e => Assert.Equal("a", e.Event.Neuron));
    }

    [Fact]
    public async Task Query_ByType_OnlyThatType()
    {
        await AppendAsync(Event("a", 1, "kicked"), Event("a", 2, "fired"), Event("b", 1, "kicked"), Event("b", 2, "error"));

        var page = await Store.QueryAsync(new EventQuery(Type: "kicked"), Ct);

        Assert.Equal([("b", 1L), ("a", 1L)], page.Select(e => (e.Event.Neuron, e.Event.Seq)));
    }

    [Fact]
    public async Task Query_SinceAndUntil_SinceInclusiveUntilExclusiveOnEventTime()
    {
        await AppendAsync(Enumerable.Range(1, 10).Select(i => Event("a", i, at: T0.AddSeconds(i))).ToArray());

        var page = await Store.QueryAsync(new EventQuery(Since: T0.AddSeconds(3), Until: T0.AddSeconds(6)), Ct);

        Assert.Equal([5L, 4L, 3L], page.Select(e => e.Event.Seq));
        Assert.Equal(3, (await Store.QueryAsync(new EventQuery(Since: T0.AddSeconds(8)), Ct)).Count);
        Assert.Equal(2, (await Store.QueryAsync(new EventQuery(Until: T0.AddSeconds(3)), Ct)).Count);
    }

    [Fact]
    public async Task Query_BeforeIdPaging_WalksEveryEventOnceNewestFirst()
    {
        var batch = Enumerable.Range(1, 250).Select(i => Event(i % 3 == 0 ? "b" : "a", i)).ToArray();
        await AppendAsync(batch);

        var seen = new List<StoredEvent>();
        long? before = null;
        while (true)
        {
            var page = await Store.QueryAsync(new EventQuery(BeforeId: before, Limit: 37), Ct);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 37);
            seen.AddRange(page);
            before = page[^1].Id;
        }

        Assert.Equal(250, seen.Count);
        Assert.Equal(seen.Select(e => e.Id).OrderDescending(), seen.Select(e => e.Id));
        Assert.Equal(250, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i).Reverse(), seen.Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task Query_BeforeIdWithNeuron_PagesWithinTheNeuron()
    {
        await AppendAsync(Enumerable.Range(1, 30).Select(i => Event(i % 2 == 0 ? "even" : "odd", i)).ToArray());

        var first = await Store.QueryAsync(new EventQuery(Neuron: "even", Limit: 10), Ct);
        var second = await Store.QueryAsync(new EventQuery(Neuron: "even", BeforeId: first[^1].Id, Limit: 10), Ct);

        Assert.Equal(10, first.Count);
        Assert.Equal([10L, 8, 6, 4, 2], second.Select(e => e.Event.Seq));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1, 1)]
    [InlineData(1000, 1000)]
    [InlineData(5000, 1000)]
    public async Task Query_Limit_ClampedBetweenOneAndMax(int asked, int expected)
    {
        await AppendAsync(Enumerable.Range(1, 1200).Select(i => Event("a", i)).ToArray());

        Assert.Equal(expected, (await Store.QueryAsync(new EventQuery(Limit: asked), Ct)).Count);
        Assert.Equal(expected, (await Store.ReadAfterAsync(0, asked, Ct)).Count);
    }

    [Fact]
    public async Task ReadAfter_OldestFirstAboveTheId()
    {
        await AppendAsync(Enumerable.Range(1, 10).Select(i => Event("a", i)).ToArray());
        var all = await ReadAllAsync();

        var tail = await Store.ReadAfterAsync(all[6].Id, 100, Ct);
        var two = await Store.ReadAfterAsync(all[2].Id, 2, Ct);

        Assert.Equal([8L, 9, 10], tail.Select(e => e.Event.Seq));
        Assert.Equal([4L, 5], two.Select(e => e.Event.Seq));
        Assert.Empty(await Store.ReadAfterAsync(all[^1].Id, 100, Ct));
    }

    [Fact]
    public async Task GetLastId_ZeroWhenEmptyThenTheHighest()
    {
        Assert.Equal(0, await Store.GetLastIdAsync(Ct));
        await AppendAsync(Event("a", 1), Event("a", 2));

        Assert.Equal((await ReadAllAsync())[^1].Id, await Store.GetLastIdAsync(Ct));
    }

    [Fact]
    public async Task Append_Redelivery_SkippedAndCountedAsDuplicate()
    {
        var first = await AppendAsync(Event("a", 1), Event("a", 2));
        var again = await AppendAsync(Event("a", 2), Event("a", 3));
        var twiceInOneBatch = await AppendAsync(Event("a", 4), Event("a", 4));

        Assert.Equal((2, 0, 0L), Counts(first));
        Assert.Equal((1, 1, 0L), Counts(again));
        Assert.Equal((1, 1, 0L), Counts(twiceInOneBatch));
        Assert.Equal([1L, 2, 3, 4], (await ReadAllAsync()).Select(e => e.Event.Seq));
        Assert.Equal(4, (await CountersOfAsync("a")).Events);
    }

    [Fact]
    public async Task Append_Result_ListsTheEventsStoredNowInBatchOrder()
    {
        await AppendAsync(Event("a", 2));
        var (one, two, three) = (Event("a", 1), Event("a", 2), Event("a", 3));

        var result = await AppendAsync(three, two, one, three with { ReceivedAt = T0.AddDays(1) });

        Assert.Equal([three, one], result.Stored);
        Assert.Equal(2, result.Duplicates);
    }

    [Fact]
    public async Task Append_CopiesOfAnUnsynchronizedEvent_StoredOnceWhateverTheirArrival()
    {
        // Two replicas (or a redelivery) file the same event at their own arrival times; the neuron's at is the same.
        var neuronAt = DateTimeOffset.UnixEpoch.AddMinutes(3);
        var first = await AppendAsync(Unsynchronized("a", 7, neuronAt, T0), Event("a", 8, "kicked"));
        var copy = await AppendAsync(Unsynchronized("a", 7, neuronAt, T0.AddMilliseconds(40)), Event("a", 8, "kicked"));

        Assert.Equal((2, 0, 0L), Counts(first));
        Assert.Equal((0, 2, 0L), Counts(copy));
        var stored = Assert.Single(await ReadAllAsync(), e => e.Event.Seq == 7);
        Assert.Equal(T0, stored.Event.At);
        Assert.Equal(new NeuronCounters("a", 2, 1, 1, 0, 0, 8, 0, T0.AddSeconds(8).AddMilliseconds(5)), await CountersOfAsync("a"));
    }

    [Fact]
    public async Task Append_ReusedSeqFromANewRunWithAnUnsynchronizedClock_IsKept()
    {
        // A neuron that lost its counters starts at seq 1 again; before NTP its clock reads what it read the last time.
        await AppendAsync(Unsynchronized("a", 1, DateTimeOffset.UnixEpoch.AddSeconds(20), T0));
        var result = await AppendAsync(Unsynchronized("a", 1, DateTimeOffset.UnixEpoch.AddSeconds(21), T0.AddDays(1)));

        Assert.Equal(1, result.Inserted);
        Assert.Equal(2, (await ReadAllAsync()).Count);
    }

    [Fact]
    public async Task Upgrade_VersionOneWithCopiesOfAnUnsynchronizedEvent_KeepsTheFirstAndTakesTheOthersOutOfTheCounters()
    {
        // What a version 1 aggregator stored: seq 2 came from an unsynchronized clock and was redelivered, so it was
        // filed twice at two arrival times; seq 1 came again from a new run of the neuron, a day later.
        static string Row(long seq, string type, DateTimeOffset at, string payload) =>
            $"('a', {seq}, '{type}', 'x', {at.ToUnixTimeMilliseconds()}, NULL, NULL, {at.ToUnixTimeMilliseconds()}, '{payload}')";
        const string Unset = """{"id":"a","seq":2,"type":"kicked","from":"x","at":"1970-01-01T00:01:00.000Z","clock":"unsynchronized"}""";
        await using var old = await OpenVersionOneAsync(
            "INSERT INTO events (neuron, seq, type, \"from\", at, hop, reason, received, payload) VALUES "
            + string.Join(", ",
                Row(1, "kicked", T0.AddSeconds(1), """{"id":"a","seq":1}"""),
                Row(2, "kicked", T0.AddSeconds(2), Unset),
                Row(2, "kicked", T0.AddSeconds(3), Unset),
                Row(3, "fired", T0.AddSeconds(4), """{"id":"a","seq":3}"""),
                Row(1, "fired", T0.AddDays(1), """{"id":"a","seq":1,"run":2}"""))
            + ";\nINSERT INTO neuron_counters (neuron, events, kicks, fires, refractory, errors, last_seq, missing_seqs, last_seen) VALUES "
            + $"('a', 5, 3, 2, 0, 0, 3, 0, {T0.AddDays(1).ToUnixTimeMilliseconds()});");
        var before = await old.ReadAfterAsync(0, 100, Ct);

        await old.InitializeAsync(Ct);
        var after = await old.ReadAfterAsync(0, 100, Ct);
        var counters = Assert.Single(await old.ReadCountersAsync(Ct));
        var redelivered = await old.AppendAsync([Unsynchronized("a", 2, DateTimeOffset.UnixEpoch.AddMinutes(1), T0.AddSeconds(9))], Ct);
        var next = await old.AppendAsync([Event("a", 4, "kicked", received: T0.AddDays(2))], Ct);

        Assert.Equal([before[0], before[1], before[3], before[4]], after);
        Assert.Equal(new NeuronCounters("a", 4, 2, 2, 0, 0, 3, 0, T0.AddDays(1)), counters);
        Assert.Equal((0, 1), (redelivered.Inserted, redelivered.Duplicates));
        Assert.Equal(1, next.Inserted);
        Assert.Equal(4, (await old.QueryAsync(new EventQuery(Limit: 1), Ct))[0].Event.Seq);
        Assert.Equal(new NeuronCounters("a", 5, 3, 2, 0, 0, 4, 0, T0.AddDays(2)), Assert.Single(await old.ReadCountersAsync(Ct)));
    }

    [Fact]
    public async Task Upgrade_VersionOneWithoutCopies_KeepsEverythingAndStoresNewEvents()
    {
        await using var old = await OpenVersionOneAsync(
            "INSERT INTO events (neuron, seq, type, \"from\", at, hop, reason, received, payload) VALUES "
            + $"('a', 1, 'fired', NULL, {T0.ToUnixTimeMilliseconds()}, 2, NULL, {T0.ToUnixTimeMilliseconds()}, '{{}}');");

        await old.InitializeAsync(Ct);
        var again = await old.AppendAsync([Event("a", 1, at: T0, received: T0.AddSeconds(1))], Ct);

        Assert.Equal((0, 1), (again.Inserted, again.Duplicates));
        Assert.Single(await old.QueryAsync(new EventQuery(), Ct));
    }

    [Fact]
    public async Task Append_ReusedSeqWithDifferentAt_IsKept()
    {
        // A neuron whose state dir was wiped starts its sequence again: same seq, a later time.
        await AppendAsync(Event("a", 1, at: T0));
        var result = await AppendAsync(Event("a", 1, at: T0.AddDays(1)));

        Assert.Equal(1, result.Inserted);
        Assert.Equal(2, (await ReadAllAsync()).Count);
    }

    [Fact]
    public async Task Counters_CountEachTypeAndTheNewestReceivedTime()
    {
        await AppendAsync(
            Event("a", 1, "kicked"), Event("a", 2, "kicked"), Event("a", 3, "fired"), Event("a", 4, "refractory"),
            Event("a", 5, "error"), Event("a", 6, "config"), Event("a", 7, "sensor", received: T0.AddHours(1)),
            Event("b", 1, "fired"));
        await AppendAsync(Event("a", 8, "fired", received: T0.AddMinutes(1)));

        Assert.Equal(new NeuronCounters("a", 8, 2, 2, 1, 1, 8, 0, T0.AddHours(1)), await CountersOfAsync("a"));
        Assert.Equal(new NeuronCounters("b", 1, 0, 1, 0, 0, 1, 0, T0.AddSeconds(1).AddMilliseconds(5)), await CountersOfAsync("b"));
    }

    [Fact]
    public async Task Counters_SkippedSeqs_CountedAsGapsAndFilledByLateArrivals()
    {
        var first = await AppendAsync(Event("a", 1), Event("a", 2), Event("a", 5));
        var afterGap = await CountersOfAsync("a");
        var late = await AppendAsync(Event("a", 3));

        Assert.Equal(2, first.GapsDetected);
        Assert.Equal((2L, 5L), (afterGap.MissingSeqs, afterGap.LastSeq));
        var afterLate = await CountersOfAsync("a");
        Assert.Equal(0, late.GapsDetected);
        Assert.Equal((1L, 5L, 4L), (afterLate.MissingSeqs, afterLate.LastSeq, afterLate.Events));
    }

    [Fact]
    public async Task Counters_FirstEventOfANeuron_IsNoGapWhateverItsSeq()
    {
        var result = await AppendAsync(Event("a", 41));

        Assert.Equal(0, result.GapsDetected);
        Assert.Equal(0, (await CountersOfAsync("a")).MissingSeqs);
    }

    [Fact]
    public async Task Counters_Duplicates_CountNothing()
    {
        await AppendAsync(Event("a", 1, "kicked"), Event("a", 3, "kicked"));
        var again = await AppendAsync(Event("a", 1, "kicked"), Event("a", 3, "kicked"));

        Assert.Equal(0, again.GapsDetected);
        Assert.Equal(new NeuronCounters("a", 2, 2, 0, 0, 0, 3, 1, T0.AddSeconds(3).AddMilliseconds(5)), await CountersOfAsync("a"));
    }

    [Fact]
    public async Task Counters_AndEvents_SurviveReopening()
    {
        await AppendAsync(Event("a", 1, "kicked"), Event("a", 4, "fired"));
        var before = await Store.ReadCountersAsync(Ct);
        var lastId = await Store.GetLastIdAsync(Ct);

        await ReopenAsync();
        var reopened = await Store.ReadCountersAsync(Ct);
        var late = await AppendAsync(Event("a", 2));

        Assert.Equal(before, reopened);
        Assert.Equal(0, late.GapsDetected);
        Assert.Equal(new NeuronCounters("a", 3, 1, 2, 0, 0, 4, 1, T0.AddSeconds(4).AddMilliseconds(5)), await CountersOfAsync("a"));
        var all = await ReadAllAsync();
        Assert.Equal([1L, 4, 2], all.Select(e => e.Event.Seq));
        Assert.True(all[^1].Id > lastId);
    }

    [Fact]
    public async Task Retention_ByAge_DeletesOnlyOlderEventsAndIdsKeepIncreasing()
    {
        await AppendAsync(Enumerable.Range(1, 10).Select(i => Event("a", i, received: T0.AddMinutes(i))).ToArray());
        var lastIdBefore = await Store.GetLastIdAsync(Ct);

        // Received before T0+5min goes: minutes 1 to 4.
        var deleted = await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromMinutes(5), null), T0.AddMinutes(10), Ct);
        await AppendAsync(Event("a", 11, received: T0.AddMinutes(11)));
        var left = await ReadAllAsync();

        Assert.Equal(4, deleted);
        Assert.Equal(Enumerable.Range(5, 7).Select(i => (long)i), left.Select(e => e.Event.Seq));
        Assert.True(left[^1].Id > lastIdBefore);
    }

    [Fact]
    public async Task Retention_DeletingEverything_NeverReusesIds()
    {
        await AppendAsync(Event("a", 1), Event("a", 2), Event("a", 3));
        var lastIdBefore = await Store.GetLastIdAsync(Ct);

        var deleted = await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.Zero, null), T0.AddDays(1), Ct);
        await AppendAsync(Event("a", 4));

        Assert.Equal(3, deleted);
        Assert.True(Assert.Single(await ReadAllAsync()).Id > lastIdBefore);
    }

    [Fact]
    public async Task Retention_DoesNotRewindCountersOrMissingSeqs()
    {
        await AppendAsync(Event("a", 1, received: T0), Event("a", 2, received: T0), Event("a", 5, received: T0.AddDays(2)));
        var before = await CountersOfAsync("a");

        await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromDays(1), null), T0.AddDays(2), Ct);

        Assert.Single(await ReadAllAsync());
        Assert.Equal(before, await CountersOfAsync("a"));
        Assert.Equal(2, before.MissingSeqs);
    }

    [Fact]
    public async Task Retention_NoLimits_DeletesNothing()
    {
        await AppendAsync(Event("a", 1, received: T0));

        Assert.Equal(0, await Store.ApplyRetentionAsync(new RetentionPolicy(null, null), T0.AddYears(10), Ct));
        Assert.Single(await ReadAllAsync());
    }

    [Fact]
    public async Task Retention_BySize_BringsTheSizeUnderTheLimitAndKeepsTheNewest()
    {
        var filler = new string('x', 200);
        for (var b = 0; b < 20; b++)
        {
            await Store.AppendAsync(
                Enumerable.Range(b * 1000 + 1, 1000).Select(i => Event($"n{i % 7}", i, payload: $$"""{"seq":{{i}},"pad":"{{filler}}"}""")).ToArray(), Ct);
        }

        var lastId = await Store.GetLastIdAsync(Ct);
        var size = await Store.GetSizeBytesAsync(Ct);
        var limit = size / 2;

        var deleted = await Store.ApplyRetentionAsync(new RetentionPolicy(null, limit), T0, Ct);
        var left = await ReadAllAsync();

        Assert.True(await Store.GetSizeBytesAsync(Ct) <= limit, $"size {await Store.GetSizeBytesAsync(Ct)} > limit {limit} (was {size})");
        Assert.Equal(20_000, deleted + left.Count);
        Assert.InRange(left.Count, 1, 15_000);
        Assert.Equal(lastId, left[^1].Id);
        // The newest survive as one unbroken run: only the oldest were deleted.
        Assert.Equal(Enumerable.Range(20_000 - left.Count + 1, left.Count).Select(i => (long)i), left.Select(e => e.Event.Seq));
        Assert.Equal(20_000, (await Store.ReadCountersAsync(Ct)).Sum(c => c.Events));
    }

    [Fact]
    public async Task Retention_BySize_UnderTheLimitAlready_DeletesNothing()
    {
        await AppendAsync(Event("a", 1));

        Assert.Equal(0, await Store.ApplyRetentionAsync(new RetentionPolicy(null, long.MaxValue), T0, Ct));
    }

    [Fact]
    public async Task Append_ParallelWritersAndReaders_NoErrorAndExactCounts()
    {
        const int writers = 8, batches = 15, perBatch = 40;
        var appends = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var results = new List<AppendResult>();
            IncomingEvent[]? previous = null;
            for (var b = 0; b < batches; b++)
            {
                var batch = Enumerable.Range(b * perBatch + 1, perBatch).Select(i => Event($"w{w}", i, i % 2 == 0 ? "kicked" : "fired")).ToArray();
                results.Add(await Store.AppendAsync(batch, Ct));
                if (previous is not null)
                {
                    // A redelivery racing with the other writers.
                    results.Add(await Store.AppendAsync(previous, Ct));
                }

                previous = batch;
            }

            return results;
        })).ToArray();
        var reads = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await Store.QueryAsync(new EventQuery(Neuron: $"w{r}", Limit: 50), Ct);
                await Store.ReadAfterAsync(i * 10, 100, Ct);
                await Store.ReadCountersAsync(Ct);
            }
        })).ToArray();

        var results = (await Task.WhenAll(appends)).SelectMany(r => r).ToList();
        await Task.WhenAll(reads);

        Assert.Equal(writers * batches * perBatch, results.Sum(r => r.Inserted));
        Assert.Equal(writers * (batches - 1) * perBatch, results.Sum(r => r.Duplicates));
        Assert.Equal(0, results.Sum(r => r.GapsDetected));
        var all = await ReadAllAsync();
        Assert.Equal(writers * batches * perBatch, all.Count);
        Assert.All(await Store.ReadCountersAsync(Ct), c =>
            Assert.Equal((batches * perBatch, batches * perBatch / 2, batches * perBatch / 2, 0L, (long)batches * perBatch),
                (c.Events, c.Kicks, c.Fires, c.MissingSeqs, c.LastSeq)));
    }

    [Fact]
    public async Task Append_TenThousandInBatchesOfFiveHundred_StoresTenThousand()
    {
        var inserted = 0;
        for (var b = 0; b < 20; b++)
        {
            inserted += (await Store.AppendAsync(Enumerable.Range(b * 500 + 1, 500).Select(i => Event("bulk", i)).ToArray(), Ct)).Inserted;
        }

        var all = await ReadAllAsync();

        Assert.Equal(10_000, inserted);
        Assert.Equal(10_000, all.Count);
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), all.Select(e => e.Event.Seq));
        Assert.Equal(10_000, (await CountersOfAsync("bulk")).Events);
    }

    [Fact]
    public async Task Append_UnusualText_StoredVerbatim()
    {
        var longReason = string.Concat(Enumerable.Repeat("why not ", 20_000));
        var odd = new IncomingEvent(
            "névron-ä😀", 1, "fired", "source 'quoted' \"double\"; DROP TABLE events; --", T0, null,
            longReason, T0, """{"text":"日本語 עברית e\u0301 😀","nested":{"a":[1,2,3]}}""");
        var nulls = new IncomingEvent("b", 1, "newer-type", null, T0, null, null, T0, "{}");

        await AppendAsync(odd, nulls);
        var all = await ReadAllAsync();

        Assert.Equal(odd, all[0].Event);
        Assert.Equal(nulls, all[1].Event);
        Assert.Single(await Store.QueryAsync(new EventQuery(Neuron: "névron-ä😀"), Ct));
    }

    [Fact]
    public async Task Append_NulCharacterInText_StoredWithoutFailingTheBatch()
    {
        // JSON lets a neuron send "\u0000"; PostgreSQL text cannot hold it, so it may come back as U+FFFD.
        var result = await AppendAsync(Event("a", 1) with { Reason = "before\0after" }, Event("a", 2));

        Assert.Equal(2, result.Inserted);
        var reason = (await ReadAllAsync())[0].Event.Reason;
        Assert.Equal("before\0after", reason?.Replace('\uFFFD', '\0'));
    }
}
