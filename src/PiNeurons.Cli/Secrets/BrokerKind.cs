namespace PiNeurons.Cli.Secrets;

/// <summary>Which broker the logins and rules are written for (<c>pineurons secrets --broker-kind</c>).</summary>
internal enum BrokerKind
{
    /// <summary>One Mosquitto 2.0 with its dynamic-security plugin: <c>dynamic-security.json</c>.</summary>
    Mosquitto,

    /// <summary>A cluster of ejabberd nodes serving MQTT with mod_mqtt: <c>ejabberd-access.yml</c> (topic rules),
    /// <c>ejabberd-users.sh</c> (the logins) and <c>ejabberd-cookie</c> (the nodes' shared Erlang cookie).</summary>
    Ejabberd,
}
