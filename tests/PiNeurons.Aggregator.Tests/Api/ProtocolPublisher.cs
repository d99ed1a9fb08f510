using System.Globalization;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>Speaks docs/protocol.md as neurons would: events, retained status and state.</summary>
public sealed class ProtocolPublisher(MqttProbe probe, string root)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    public MqttProbe Probe => probe;

    public static string Event(string id, long seq, string type, string? from = null, DateTimeOffset? at = null, string? extra = null, int? hop = null)
    {
        var when = (at ?? T0.AddMilliseconds(seq)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var fromPart = from is null ? string.Empty : $",\"from\":\"{from}\"";
        var hopPart = hop is null ? string.Empty : $",\"hop\":{hop}";
        return $"{{\"id\":\"{id}\",\"seq\":{seq},\"type\":\"{type}\"{fromPart},\"at\":\"{when}\"{hopPart}{extra}}}";
    }

    public Task EventAsync(string id, long seq, string type, string? from = null, DateTimeOffset? at = null, int? hop = null, string? extra = null) =>
        probe.PublishAsync($"{root}/{id}/events", Event(id, seq, type, from, at, extra, hop));

    public Task RawEventAsync(string id, string payload) => probe.PublishAsync($"{root}/{id}/events", payload);

    public Task StatusAsync(string id, string status) => probe.PublishAsync($"{root}/{id}/status", status, retain: true);

    /// <summary>Retains a state; without <paramref name="version"/> or <paramref name="learning"/> (the config's learning
    /// object), as a node older than that field publishes it.</summary>
    public Task StateAsync(string id, double threshold, string[] connections, string weights, long firedCount = 0, string? version = null, string? learning = null) =>
        probe.PublishAsync(
            $"{root}/{id}/state",
            $"{{\"id\":\"{id}\",\"output\":0,\"potential\":0,\"firedCount\":{firedCount},\"lastFiredAt\":null," +
            $"\"config\":{{\"threshold\":{threshold.ToString(CultureInfo.InvariantCulture)},\"weights\":{weights}," +
            $"\"connections\":[{string.Join(',', connections.Select(c => $"\"{c}\""))}],\"refractoryMs\":100," +
            "\"inputLastingMs\":500,\"integrationWindowMs\":0,\"maxHops\":64,\"maxFiresPerSecond\":1000" +
            (learning is null ? string.Empty : $",\"learning\":{learning}") + "}" +
            (version is null ? string.Empty : $",\"version\":\"{version}\"") + "}",
            retain: true);

    /// <summary>The learning config of a perceptron, as docs/protocol.md gives it.</summary>
    public const string Perceptron = "{\"rule\":\"perceptron\",\"rate\":0.1,\"teachWindowMs\":5000,\"maxWeight\":10}";

    /// <summary>A <c>learned</c> event: <paramref name="id"/>'s weight for <paramref name="from"/> (or, without it, its threshold) went from <paramref name="old"/> to <paramref name="new"/>.</summary>
    public Task LearnedAsync(string id, long seq, string? from, double old, double @new, string rule = "perceptron") =>
        RawEventAsync(id, Event(
            id,
            seq,
            "learned",
            from,
            extra: string.Create(CultureInfo.InvariantCulture, $",\"rule\":\"{rule}\",\"field\":\"{(from is null ? "threshold" : "weight")}\",\"old\":{old},\"new\":{@new},\"reason\":\"teach: target 1, output 0\"")));
}
