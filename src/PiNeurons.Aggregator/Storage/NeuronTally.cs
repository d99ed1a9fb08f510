namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// One neuron's counters while a batch is applied. The gap rule lives here, apart from any database,
/// so SQLite and PostgreSQL count alike and the rule is tested once.
/// </summary>
internal sealed class NeuronTally
{
    private long? _lastSeq;

    /// <summary>A neuron the store has never seen: its first event opens no gap.</summary>
    public NeuronTally(string neuron)
    {
        Neuron = neuron;
    }

    /// <summary>Continues from what the store counted before.</summary>
    public NeuronTally(NeuronCounters stored)
        : this(stored.Neuron)
    {
        Events = stored.Events;
        Kicks = stored.Kicks;
        Fires = stored.Fires;
        Refractory = stored.Refractory;
        Errors = stored.Errors;
        _lastSeq = stored.LastSeq;
        MissingSeqs = stored.MissingSeqs;
        LastSeen = stored.LastSeen;
    }

    public string Neuron { get; }

    public long Events { get; private set; }

    public long Kicks { get; private set; }

    public long Fires { get; private set; }

    public long Refractory { get; private set; }

    public long Errors { get; private set; }

    public long MissingSeqs { get; private set; }

    public DateTimeOffset LastSeen { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Counts one event that was really inserted; returns the sequence numbers it showed missing.</summary>
    public long Count(long seq, string type, DateTimeOffset receivedAt)
    {
        Events++;
        switch (type)
        {
            case "kicked": Kicks++; break;
            case "fired": Fires++; break;
            case "refractory": Refractory++; break;
            case "error": Errors++; break;
        }

        // Received times come from several replicas' clocks: keep the newest, not the last applied.
        if (receivedAt > LastSeen)
        {
            LastSeen = receivedAt;
        }

        long gaps = 0;
        if (_lastSeq is not { } last)
        {
            _lastSeq = seq;
        }
        else if (seq > last)
        {
            gaps = seq - last - 1;
            MissingSeqs += gaps;
            _lastSeq = seq;
        }
        else if (seq < last)
        {
            // A late arrival (another replica's share, a slow redelivery) fills one of the holes counted before.
            MissingSeqs = Math.Max(0, MissingSeqs - 1);
        }

        return gaps;
    }

    /// <summary>The counters to write back; only valid after at least one <see cref="Count"/> or when loaded.</summary>
    public NeuronCounters ToCounters() =>
        new(Neuron, Events, Kicks, Fires, Refractory, Errors, _lastSeq ?? 0, MissingSeqs, LastSeen);
}
