using System.Globalization;
using PiNeurons.Core.Learning;

namespace PiNeurons.Core.Model;

/// <summary>
/// The neuron model of docs/protocol.md, made exact: per-source inputs that last and accumulate, a weighted
/// sum against a threshold, a refractory period, an optional integration window, a hop limit and a
/// firing cap; and, when its config has a learning rule, the changes that rule makes to its own weights
/// (docs/learning.md). Pure: time comes in as arguments, decisions go out through an <see cref="INeuronSink"/>.
/// Not thread-safe: one neuron is driven by one loop.
/// </summary>
public sealed class Neuron
{
    private readonly Dictionary<string, NeuronInput> _inputs = new(StringComparer.Ordinal);
    private readonly FiringRateLimiter _rate = new();
    private readonly List<WeightChange> _changes = [];

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

    /// <summary>The last decision a perceptron neuron made, which a <c>teach</c> applies to; null for other rules.</summary>
    public Decision? LastDecision { get; private set; }

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
        if (Config.Learning.Rule == LearningRule.Stdp && LastFiredAt is { } fired)
        {
            // A kick after a firing did not help cause it, refractory or not: it weakens.
            var dt = (now - fired).TotalMilliseconds;
            StdpRule.Add(Config.Learning, _changes, source, Config.WeightOf(source), StdpRule.Depression(Config.Learning, dt), dt, before: false);
            Learn(now, sink);
        }

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

        FireNow(KickSources.Fire, hop + 1, now, sink, forced: true);
    }

    /// <summary>
    /// The <c>teach</c> command: <paramref name="target"/> 1 says "you should have fired", 0 "you should not have".
    /// A perceptron neuron moves the weights of its last decision's inputs and its threshold towards it; anything
    /// else (no such rule, no recent decision, a decision still open) is refused with an <c>error</c> event that
    /// says why, and changes nothing.
    /// </summary>
    /// <returns>True when the teach was applied (whether or not the decision was wrong).</returns>
    public bool Teach(int target, DateTimeOffset now, INeuronSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        // A window that has closed but whose timer has not run yet is decided first: the teach is about that decision.
        Decide(now, sink);
        if (TeachRefusal(target, now) is { } refusal)
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Error, null, now, null, "teach: " + refusal));
            return false;
        }

        var decision = LastDecision!;
        decision.Taught = true;
        PerceptronRule.Step(Config.Learning, Config.Threshold, Config.WeightOf, decision, target, _changes);
        Learn(now, sink);
        return true;
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
        var potential = Potential(now);
        if (potential < Config.Threshold)
        {
            if (Decided(0, now, null))
            {
                // A firing is seen; a decision not to fire is not, unless the neuron says so: whoever teaches needs to know it.
                sink.OnEvent(new NeuronEvent(NeuronEventType.Decided, source, now, null, string.Create(CultureInfo.InvariantCulture,
                    $"not fired: potential {potential:0.######} below threshold {Config.Threshold:0.######}")));
            }

            return;
        }

        if (InRefractory(now))
        {
            Decided(0, now, "its firing was suppressed: within refractory period");
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, source, now, null, "within refractory period"));
            return;
        }

        var hop = 1 + MaxLiveHop(now);
        if (!_rate.TryAdmit(now, Config.MaxFiresPerSecond))
        {
            Decided(0, now, "its firing was suppressed: " + CapReason);
            sink.OnEvent(new NeuronEvent(NeuronEventType.Refractory, source, now, hop, CapReason));
            return;
        }

        FireNow(source, hop, now, sink, forced: false);
    }

    // Forced is a flag, not the source "fire": that is also a valid neuron id, whose kicks are inputs like any other.
    private void FireNow(string source, int downstreamHop, DateTimeOffset now, INeuronSink sink, bool forced)
    {
        // Learning reads the inputs the firing is about to reset.
        Decided(1, now, forced ? "it was forced by the fire command, not decided on its inputs" : null);
        if (Config.Learning.Rule == LearningRule.Stdp)
        {
            Potentiate(now);
        }

        FiredCount++;
        LastFiredAt = now;
        // An action potential resets the membrane: inputs and any open window start afresh.
        _inputs.Clear();
        DecisionDueAt = null;
        LastBurstSource = null;
        sink.OnEvent(new NeuronEvent(NeuronEventType.Fired, source, now, downstreamHop));
        sink.OnFired(downstreamHop, TimeSpan.FromMilliseconds(Config.RefractoryMs));
        Learn(now, sink);
    }

    // Each live input kicked (last) before this firing strengthens.
    private void Potentiate(DateTimeOffset now)
    {
        foreach (var (source, input) in _inputs)
        {
            if (IsLive(input, now))
            {
                var dt = (now - input.LastKickAt).TotalMilliseconds;
                StdpRule.Add(Config.Learning, _changes, source, Config.WeightOf(source), StdpRule.Potentiation(Config.Learning, dt), dt, before: true);
            }
        }
    }

    // A perceptron neuron remembers what it decided on, for the teach that may follow; true when it did.
    private bool Decided(int output, DateTimeOffset now, string? unteachable)
    {
        if (Config.Learning.Rule != LearningRule.Perceptron)
        {
            return false;
        }

        var inputs = new List<KeyValuePair<string, double>>(_inputs.Count);
        foreach (var (source, input) in _inputs)
        {
            if (IsLive(input, now))
            {
                inputs.Add(new(source, input.Value));
            }
        }

        LastDecision = new Decision(now, output, [.. inputs], unteachable);
        return true;
    }

    private string? TeachRefusal(int target, DateTimeOffset now)
    {
        if (target is not (0 or 1))
        {
            return $"target must be 0 or 1, got {target}";
        }

        if (Config.Learning.Rule != LearningRule.Perceptron)
        {
            return $"learning.rule is {LearningConfig.WireName(Config.Learning.Rule)}; only a neuron with rule perceptron can be taught";
        }

        if (DecisionDueAt is { } due)
        {
            return $"still deciding (its integration window closes in {Math.Ceiling((due - now).TotalMilliseconds)} ms); teach after the decision";
        }

        if (LastDecision is not { } decision)
        {
            return "no decision to teach yet: kick the neuron, then teach";
        }

        var age = (now - decision.At).TotalMilliseconds;
        if (age > Config.Learning.TeachWindowMs)
        {
            return $"the last decision was {Math.Floor(age)} ms ago, more than teachWindowMs {Config.Learning.TeachWindowMs}; kick the neuron again, then teach";
        }

        if (decision.Taught)
        {
            return "the last decision was already taught; kick the neuron again, then teach";
        }

        return decision.Unteachable is { } why ? $"the last decision cannot be taught: {why}" : null;
    }

    // Makes the changes a rule found part of the config, then says so, one learned event per value.
    private void Learn(DateTimeOffset now, INeuronSink sink)
    {
        if (_changes.Count == 0)
        {
            return;
        }

        var weights = new Dictionary<string, double>(Config.Weights, StringComparer.Ordinal);
        var threshold = Config.Threshold;
        var applied = new List<WeightChange>(_changes.Count);
        foreach (var change in _changes)
        {
            if (change.Input is null)
            {
                threshold = change.New;
            }
            else if (weights.ContainsKey(change.Input) || weights.Count < Configuration.ConfigValidator.MaxEdges)
            {
                weights[change.Input] = change.New;
            }
            else
            {
                continue;
            }

            applied.Add(change);
        }

        _changes.Clear();
        Config = Config with { Weights = weights, Threshold = threshold };
        foreach (var change in applied)
        {
            sink.OnEvent(new NeuronEvent(NeuronEventType.Learned, change.Input, now, Reason: change.Cause, Change: change));
        }
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
