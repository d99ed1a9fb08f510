using Microsoft.Extensions.Logging;

namespace PiNeurons.Node;

/// <summary>The node's log messages, with stable event ids: 4xxx, this assembly's range (41xx runtime, 42xx hosting,
/// 43xx persistence, 44xx systemd, 45xx Home Assistant discovery).</summary>
/// <remarks>Each assembly logs in a range of its own, so an id names one message even where several run in one
/// process (the CLI's demo, the aggregator): Core 1xxx, Mqtt 2xxx, Hardware 3xxx, Node 4xxx, Aggregator 5xxx, Cli 6xxx, CommandLine 7xxx.</remarks>
internal static partial class Log
{
    [LoggerMessage(4101, LogLevel.Information, "Neuron {Id} is online")]
    public static partial void Online(ILogger logger, string id);

    [LoggerMessage(4102, LogLevel.Warning, "Neuron {Id}: could not say offline cleanly ({Reason}); the broker's last will says it")]
    public static partial void OfflineNotSent(ILogger logger, string id, string reason);

    [LoggerMessage(4104, LogLevel.Warning,
        "Neuron {Id}: outbox full, dropped a message to {Topic}; while it stays full, drops are counted and logged at most every {Interval} s")]
    public static partial void OutboxFull(ILogger logger, string id, string topic, double interval);

    [LoggerMessage(4108, LogLevel.Warning, "Neuron {Id}: outbox full, dropped {Count} messages in the last {Seconds:0.#} s (the latest to {Topic})")]
    public static partial void OutboxStillFull(ILogger logger, string id, long count, double seconds, string topic);

    [LoggerMessage(4105, LogLevel.Error, "Neuron {Id}: could not persist its config: {Reason}")]
    public static partial void PersistFailed(ILogger logger, string id, string reason);

    [LoggerMessage(4106, LogLevel.Warning, "Neuron {Id}: sensor {Sensor} failed: {Reason}")]
    public static partial void SensorFailed(ILogger logger, string id, string sensor, string reason);

    [LoggerMessage(4107, LogLevel.Information, "Neuron {Id}: sensor {Sensor} reads again")]
    public static partial void SensorRecovered(ILogger logger, string id, string sensor);

    [LoggerMessage(4201, LogLevel.Information, "Hosting {Count} neuron(s) [{Ids}] on broker {Broker}, state in {StateDir}, heartbeat every {HeartbeatSeconds} s")]
    public static partial void Hosting(ILogger logger, int count, string ids, string broker, string stateDir, double heartbeatSeconds);

    [LoggerMessage(4206, LogLevel.Information, "GPIO: {Gpio}")]
    public static partial void Gpio(ILogger logger, string gpio);

    [LoggerMessage(4202, LogLevel.Critical, "Neuron {Id} stopped on a fault: {Reason}")]
    public static partial void NeuronFaulted(ILogger logger, string id, string reason, Exception exception);

    [LoggerMessage(4204, LogLevel.Critical, "The sensor poller stopped on a fault: {Reason}")]
    public static partial void PollerFaulted(ILogger logger, string reason, Exception exception);

    [LoggerMessage(4205, LogLevel.Warning, "The clock reads {Now:u}, before this build ({Floor:u}): events and state say clock: unsynchronized until it is set (NTP)")]
    public static partial void ClockUnset(ILogger logger, DateTimeOffset now, DateTimeOffset floor);

    [LoggerMessage(4203, LogLevel.Warning, "Not every neuron is online after {Seconds} s; reporting started anyway and still connecting")]
    public static partial void NotOnlineAtStart(ILogger logger, double seconds);

    [LoggerMessage(4301, LogLevel.Information, "Neuron {Id}: using the config persisted in {Path}")]
    public static partial void UsingPersisted(ILogger logger, string id, string path);

    [LoggerMessage(4302, LogLevel.Warning, "Neuron {Id}: the manifest's config changed since {Path} was written; the manifest wins and runtime changes are dropped")]
    public static partial void ManifestChanged(ILogger logger, string id, string path);

    [LoggerMessage(4303, LogLevel.Warning, "Neuron {Id}: ignoring unreadable persisted config {Path}: {Reason}")]
    public static partial void PersistedUnreadable(ILogger logger, string id, string path, string reason);

    [LoggerMessage(4304, LogLevel.Warning, "Neuron {Id}: {Why}; starting from the last good copy {Path}")]
    public static partial void UsingLastGood(ILogger logger, string id, string path, string why);

    [LoggerMessage(4401, LogLevel.Information, "systemd watchdog: pinging every {PeriodMs} ms while healthy")]
    public static partial void WatchdogEnabled(ILogger logger, double periodMs);

    [LoggerMessage(4402, LogLevel.Warning, "systemd watchdog: withholding WATCHDOG=1 ({Reason}); systemd restarts the node if this lasts")]
    public static partial void WatchdogWithheld(ILogger logger, string reason);

    [LoggerMessage(4501, LogLevel.Information, "Home Assistant: announced {Count} discovery config(s) under {Prefix}")]
    public static partial void Announced(ILogger logger, int count, string prefix);

    [LoggerMessage(4502, LogLevel.Information, "Home Assistant: cleared {Count} discovery config(s) of neurons or sensors no longer hosted")]
    public static partial void ClearedStale(ILogger logger, int count);

    [LoggerMessage(4503, LogLevel.Information, "Home Assistant came online; announcing again in {DelayMs} ms")]
    public static partial void ReannounceScheduled(ILogger logger, double delayMs);

    [LoggerMessage(4504, LogLevel.Warning, "Home Assistant: ignoring unreadable {Path}: {Reason}; configs of removed neurons cannot be cleared")]
    public static partial void AnnouncedUnreadable(ILogger logger, string path, string reason);


    [LoggerMessage(4506, LogLevel.Warning, "Home Assistant: could not record the announced configs in {Path}: {Reason}")]
    public static partial void AnnouncedNotSaved(ILogger logger, string path, string reason);

    [LoggerMessage(4507, LogLevel.Information, "Home Assistant: handed {Count} discovery config(s) over to the other discovery form (migrate_discovery)")]
    public static partial void HandedOver(ILogger logger, int count);

    [LoggerMessage(4508, LogLevel.Information, "Home Assistant: removed {Count} component(s) no longer hosted from the device configs")]
    public static partial void RemovedComponents(ILogger logger, int count);
}
