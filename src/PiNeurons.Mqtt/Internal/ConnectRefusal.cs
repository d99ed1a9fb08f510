using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace PiNeurons.Mqtt.Internal;

/// <summary>Turns the broker's refusals that retrying cannot fix into operator-facing messages.</summary>
internal static class ConnectRefusal
{
    /// <summary>A message for a fatal CONNACK result code, or null when retrying may help (broker busy, unavailable...).</summary>
    public static string? FatalMessage(MqttClientConnectResultCode code, BrokerAddress broker, string clientId) => code switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword =>
            $"broker {broker} refused client '{clientId}': bad user name or password; check the configured MQTT user name and password",
        MqttClientConnectResultCode.NotAuthorized =>
            $"broker {broker} refused client '{clientId}': not authorized (mosquitto answers so to a bad user name or password); check the MQTT user name, password and the broker's access rules",
        MqttClientConnectResultCode.Banned =>
            $"broker {broker} refused client '{clientId}': banned; check the broker's configuration",
        MqttClientConnectResultCode.ClientIdentifierNotValid =>
            $"broker {broker} refused client '{clientId}': client id not valid; use 1 to 23 characters of A-Z a-z 0-9 or a broker that accepts longer ids",
        MqttClientConnectResultCode.BadAuthenticationMethod =>
            $"broker {broker} refused client '{clientId}': bad authentication method; check the MQTT credentials",
        _ => null,
    };

    /// <summary>True when the broker ended the connection because another client took its session over.</summary>
    public static bool IsSessionTakenOver(MqttClientDisconnectedEventArgs e) =>
        // MQTTnet reports the server's DISCONNECT reason in Reason; some paths only carry it in the exception.
        e.Reason == MqttClientDisconnectReason.SessionTakenOver
        || e.Exception is MqttClientUnexpectedDisconnectReceivedException { ReasonCode: MqttDisconnectReasonCode.SessionTakenOver };

    /// <summary>A tool's connection was taken over: with a broker that makes the client id the user name, by another
    /// client with the same login.</summary>
    public static string TakenOverFromTool(BrokerAddress broker, string? userName) => userName is null
        ? $"broker {broker} ended this connection and still accepts others: another client connected with the same client id and took it over"
        : $"broker {broker} ended this connection and still accepts others: another client logged in as '{userName}' took it over "
          + "(a broker that makes the client id the user name allows one connection per login)";

    /// <summary>The message for being disconnected because another client took the session over.</summary>
    public static string SessionTakenOver(BrokerAddress broker, string clientId) =>
        $"broker {broker} disconnected client '{clientId}': another client connected with the same client id '{clientId}'; is the neuron hosted twice?";
}
