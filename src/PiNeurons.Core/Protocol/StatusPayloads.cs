namespace PiNeurons.Core.Protocol;

/// <summary>Payloads of the retained status topic.</summary>
public static class StatusPayloads
{
    /// <summary>The neuron is connected and subscribed.</summary>
    public const string Online = "online";

    /// <summary>The neuron stopped, or its connection died (the MQTT last will).</summary>
    public const string Offline = "offline";
}
