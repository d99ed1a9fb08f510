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

    /// <summary>Retains a state; without <paramref name="version"/>, as a node older than that field publishes it.</summary>
    public Task StateAsync(string id, double threshold, string[] connections, string weights, long firedCount = 0, string? version = null) =>
        probe.PublishAsync(
            $"{root}/{id}/state",
            $"{{\"id\":\"{id}\",\"output\":0,\"potential\":0,\"firedCount\":{firedCount},\"lastFiredAt\":null," +
            $"\"config\":{{\"threshold\":{threshold.ToString(CultureInfo.InvariantCulture)},\"weights\":{weights}," +
            $"\"connections\":[{string.Join(',', connections.Select(c => $"\"{c}\""))}],\"refractoryMs\":100," +
            "\"inputLastingMs\":500,\"integrationWindowMs\":0,\"maxHops\":64,\"maxFiresPerSecond\":1000}" +
            (version is null ? string.Empty : $",\"version\":\"{version}\"") + "}",
            retain: true);
}
