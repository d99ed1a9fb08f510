namespace PiNeurons.Core.Model;

/// <summary>
/// The neuron model of docs/protocol.md, made exact: per-source inputs that last and accumulate, a weighted
/// sum against a threshold, a refractory period, an optional integration window, a hop limit and a
/// firing cap. Pure: time comes in as arguments, decisions go out through an <see cref="INeuronSink"/>.
/// Not thread-safe: one neuron is driven by one loop.
/// </summary>
public sealed class Neuron
{
    private readonly Dictionary<string, NeuronInput> _inputs = new(StringComparer.Ordinal);
    private readonly FiringRateLimiter _rate = new();

    /// <summary>Creates a neuron that has never fired.</summary>
    public Neuron(string id, NeuronConfig config)
    {
        Id = Protocol.NeuronId.Require(id, nameof(id));
        Config = config ?? throw new ArgumentNullException(nameof(config));
    }

    /// <summary>The neuron's id.</summary>
    public string Id { get; }

    /// <summary>The configuration in force.</summary>
    public NeuronConfig Config { get; private set; }

    /// <summary>How many times the neuron has fired.</summary>
    public long FiredCount { get; private set; }

    /// <summary>When it last fired.</summary>
    public DateTimeOffset? LastFiredAt { get; private set; }

    /// <summary>When the open integration window closes, if one is open.</summary>
    public DateTimeOffset? DecisionDueAt { get; private set; }

    /// <summary>Number of inputs currently held (live or not yet pruned).</summary>
    public int InputCount => _inputs.Count;

    /// <summary>Restores counters kept across restarts.</summary>
    public void Restore(long firedCount, DateTimeOffset? lastFiredAt)
    {
        FiredCount = firedCount;
        LastFiredAt = lastFiredAt;
    }

    /// <summary>Replaces the configuration; inputs and counters are kept.</summary>
    public void Reconfigure(NeuronConfig config) => Config = config ?? throw new ArgumentNullException(nameof(config));

    /// <summary>1 within <c>refractoryMs</c> of the last firing, else 0.</summary>
    public int Output(DateTimeOffset now) => InRefractory(now) ? 1 : 0;

    /// <summary>Σ over live inputs of value × weight.</summary>
    public double Potential(DateTimeOffset now)
    {
        double sum = 0;
        foreach (var (source, input) in _inputs)
        {
            if (IsLive(input, now))
            {
                sum += input.Value * Config.WeightOf(source);
            }
        }

        return sum;
    }

    /// <summary>The first instant at which a live input has expired (so the potential changes without a kick), if any.</summary>
    public DateTimeOffset? NextInputExpiry(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var input in _inputs.Values)
        {
            // An input is live up to and including lastKick + inputLastingMs; it is gone one tick later.
            var end = input.LastKickAt.AddMilliseconds(Config.InputLastingMs).AddTicks(1);
            if (end > now && (next is null || end < next))
            {
                next = end;
            }
        }

        return next;
    }

    /// <summary>One action potential from <paramref name="source"/> with cascade depth <paramref name="hop"/>.</summary>
    public void Kick(string source, int hop, DateTimeOffset now, INeuronSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Config.MaxHops > 0 && hop > Config.MaxHops)
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Error, source, now, hop,
                $"kick from {source} dropped: hop {hop} exceeds maxHops {Config.MaxHops}"));
            return;
        }

        sink.OnEvent(new NeuronEvent(NeuronEventType.Kicked, source, now, hop));
        if (InRefractory(now))
        {
            // Absolute refractory period: the kick is seen and reported, but not integrated.
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, source, now, hop, "within refractory period"));
            return;
        }

        Accumulate(source, hop, now);
        if (Config.IntegrationWindowMs == 0)
        {
            Evaluate(source, now, sink);
        }
        else if (DecisionDueAt is null)
        {
            DecisionDueAt = now.AddMilliseconds(Config.IntegrationWindowMs);
            LastBurstSource = source;
            sink.OnDecisionDue(DecisionDueAt.Value);
        }
        else
        {
            LastBurstSource = source;
        }
    }

    /// <summary>The integration window's end: decide on everything that arrived within it.
    /// A call before the window closes (a stale timer) does nothing.</summary>
    public void Decide(DateTimeOffset now, INeuronSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (DecisionDueAt is not { } due || now < due)
        {
            return;
        }

        DecisionDueAt = null;
        Evaluate(LastBurstSource ?? KickSources.External, now, sink);
    }

    /// <summary>The <c>fire</c> command: fires at once, ignoring inputs, threshold and refractory period,
    /// but not the firing cap.</summary>
    public void ForceFire(int hop, DateTimeOffset now, INeuronSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!_rate.TryAdmit(now, Config.MaxFiresPerSecond))
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, KickSources.Fire, now, hop, CapReason));
            return;
        }

        FireNow(KickSources.Fire, hop + 1, now, sink);
    }

    /// <summary>Drops inputs that have expired, so a long-lived neuron keeps no dead sources.</summary>
    public void PruneInputs(DateTimeOffset now)
    {
        foreach (var (source, input) in _inputs)
        {
            if (!IsLive(input, now))
            {
                _inputs.Remove(source);
            }
        }
    }

    private string? LastBurstSource { get; set; }

    private string CapReason => $"maxFiresPerSecond {Config.MaxFiresPerSecond} reached";

    private void Evaluate(string source, DateTimeOffset now, INeuronSink sink)
    {
        if (Potential(now) < Config.Threshold)
        {
            return;
        }

        if (InRefractory(now))
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, source, now, null, "within refractory period"));
            return;
        }

        var hop = 1 + MaxLiveHop(now);
        if (!_rate.TryAdmit(now, Config.MaxFiresPerSecond))
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, source, now, hop, CapReason));
            return;
        }

        FireNow(source, hop, now, sink);
    }

    private void FireNow(string source, int downstreamHop, DateTimeOffset now, INeuronSink sink)
    {
        FiredCount++;
        LastFiredAt = now;
        // An action potential resets the membrane: inputs and any open window start afresh.
        _inputs.Clear();
        DecisionDueAt = null;
        LastBurstSource = null;
        sink.OnEvent(new NeuronEvent(NeuronEventType.Fired, source, now, downstreamHop));
        sink.OnFired(downstreamHop, TimeSpan.FromMilliseconds(Config.RefractoryMs));
    }

    private void Accumulate(string source, int hop, DateTimeOffset now)
    {
        if (_inputs.TryGetValue(source, out var input) && IsLive(input, now))
        {
            _inputs[source] = new NeuronInput(input.Value + 1, now, Math.Max(input.MaxHop, hop));
        }
        else
        {
            _inputs[source] = new NeuronInput(1, now, hop);
        }
    }

    private int MaxLiveHop(DateTimeOffset now)
    {
        var max = 0;
        foreach (var input in _inputs.Values)
        {
            if (IsLive(input, now) && input.MaxHop > max)
            {
                max = input.MaxHop;
            }
        }

        return max;
    }

    private bool IsLive(NeuronInput input, DateTimeOffset now) =>
        now - input.LastKickAt <= TimeSpan.FromMilliseconds(Config.InputLastingMs);

    private bool InRefractory(DateTimeOffset now) =>
        LastFiredAt is { } last && now < last.AddMilliseconds(Config.RefractoryMs);

    private readonly record struct NeuronInput(double Value, DateTimeOffset LastKickAt, int MaxHop);
}
