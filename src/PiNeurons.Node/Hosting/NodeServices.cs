using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Node.Persistence;
using PiNeurons.Node.Runtime;
using PiNeurons.Node.Systemd;

namespace PiNeurons.Node.Hosting;

/// <summary>Registers what a node runs, as <c>AddAggregator()</c> does for the aggregator.</summary>
public static class NodeServices
{
    /// <summary>
    /// Adds the node that runs <paramref name="plan"/>: its boards, the stores under its state directory, one
    /// runtime per neuron (<see cref="IHostedNeurons"/>), its health (<see cref="INodeHealth"/>) and the systemd
    /// watchdog. The plan is the node's validated options: <see cref="NodePlanner.Create"/> has refused whatever
    /// cannot work before anything is registered.
    /// </summary>
    public static IServiceCollection AddPiNeuronsNode(this IServiceCollection services, NodePlan plan) =>
        services.AddPiNeuronsNode(plan, openSensor: null);

    /// <summary>As the public overload; <paramref name="openSensor"/> replaces how polled sensors are opened.</summary>
    internal static IServiceCollection AddPiNeuronsNode(this IServiceCollection services, NodePlan plan, Func<SensorEntry, IPolledSensor>? openSensor)
    {
        ArgumentNullException.ThrowIfNull(plan);
        services.AddSingleton(plan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGpioChips, GpioChipDevices>();
        // A factory registration, so the container disposes the boards (and closes the pins) on stop.
        services.AddSingleton(sp => new GpioBoards(plan, sp.GetRequiredService<TimeProvider>(), openSensor, sp.GetRequiredService<IGpioChips>()));
        services.AddSingleton(sp => new NodeContext(
            new TopicScheme(plan.Root),
            new ConfigStore(plan.StateDir, sp.GetRequiredService<ILogger<ConfigStore>>()),
            new CounterStore(plan.StateDir, sp.GetRequiredService<ILogger<CounterStore>>()),
            new ClockCheck(plan.ClockFloor ?? ClockCheck.BuildDate),
            sp.GetRequiredService<TimeProvider>(),
            plan.Heartbeat));
        services.AddSingleton<NeuronFactory>();
        services.AddSingleton<NodeService>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeService>());
        services.AddSingleton<INodeHealth>(sp => sp.GetRequiredService<NodeService>());
        services.AddSingleton<IHostedNeurons>(sp => sp.GetRequiredService<NodeService>());
        // ISystemdNotifier is registered only when systemd runs us, so it is resolved optionally.
        services.AddHostedService(sp => new WatchdogService(
            sp.GetService<ISystemdNotifier>(),
            sp.GetRequiredService<INodeHealth>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WatchdogService>>(),
            WatchdogService.FromEnvironment(
                Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId)));
        return services;
    }
}
