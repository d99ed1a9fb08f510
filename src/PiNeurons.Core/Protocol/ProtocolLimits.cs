namespace PiNeurons.Core.Protocol;

/// <summary>Limits of docs/protocol.md.</summary>
public static class ProtocolLimits
{
    /// <summary>Payloads above 64 KiB are bad input.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The MQTT 5 user property that carries a kick's cascade depth.</summary>
    public const string HopProperty = "hop";

    /// <summary>The default topic root.</summary>
    public const string DefaultRoot = "pineurons";
}
