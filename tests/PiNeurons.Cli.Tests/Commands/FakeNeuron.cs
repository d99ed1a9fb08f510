using MQTTnet;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>Plays a neuron's side of request/response (docs/protocol.md): takes a query, set or teach, answers on its response topic.</summary>
internal static class FakeNeuron
{
    public static async Task<MqttProbe> ListenAsync(MosquittoBroker broker, string id)
    {
        await AnnounceAsync(broker.Url, id);
        return await MqttProbe.ConnectAsync(broker.Url, $"pineurons/{id}/query", $"pineurons/{id}/set", $"pineurons/{id}/teach");
    }

    /// <summary>Leaves the retained status a node publishes for a neuron it hosts, so the CLI knows the neuron exists,
    /// and with <paramref name="state"/> its retained state too.</summary>
    public static async Task AnnounceAsync(string url, string id, string status = "online", string root = "pineurons", string? state = null)
    {
        await using var node = await MqttProbe.ConnectAsync(url);
        await node.PublishAsync($"{root}/{id}/status", status, retain: true);
        if (state is not null)
        {
            await node.PublishAsync($"{root}/{id}/state", state, retain: true);
        }
    }

    /// <summary>Waits for a request on <paramref name="topic"/> and answers it with <paramref name="json"/>.</summary>
    public static async Task<MqttApplicationMessage> AnswerAsync(this MqttProbe probe, string topic, string json, Func<MqttApplicationMessage, bool>? skip = null)
    {
        var request = await probe.WaitForAsync(m => m.Topic == topic && (skip is null || !skip(m)));
        Assert.False(string.IsNullOrEmpty(request.ResponseTopic), "the CLI must send an MQTT 5 response topic");
        Assert.NotNull(request.CorrelationData);
        await probe.PublishAsync(request.ResponseTopic, json, configure: b => b.WithCorrelationData(request.CorrelationData));
        return request;
    }

    /// <summary>A state as a node publishes it; without <paramref name="version"/>, as a node older than that field does.</summary>
    public static string State(string id, string weights = """{"x":1}""", string connections = """["z"]""", string? version = null) =>
        $$$"""{"id":"{{{id}}}","output":0,"potential":0.5,"firedCount":3,"lastFiredAt":"2026-11-27T18:00:00.123Z","config":{"threshold":0.9,"weights":{{{weights}}},"connections":{{{connections}}},"refractoryMs":100,"inputLastingMs":500,"integrationWindowMs":150,"maxHops":64,"maxFiresPerSecond":1000}{{{(version is null ? "" : $",\"version\":\"{version}\"")}}}}""";
}
