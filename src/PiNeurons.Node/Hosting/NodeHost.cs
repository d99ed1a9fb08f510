using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using PiNeurons.CommandLine;
using PiNeurons.Node.Systemd;

namespace PiNeurons.Node.Hosting;

/// <summary>The composition root of a node: builds the host that runs a <see cref="NodePlan"/>.
/// The node's Program and the CLI's demo and bench use the same one.</summary>
public static class NodeHost
{
    /// <summary>Reads <see cref="NodeOptions"/> from appsettings.json, the environment and the command line's
    /// <paramref name="values"/> (what <see cref="NodeCommandLine"/> parsed), in rising precedence.</summary>
    public static NodeOptions ReadOptions(IReadOnlyDictionary<string, string?> values, string? contentRoot = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot ?? AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddInMemoryCollection(ProgramCommandLine.FromEnvironment(NodeCommandLine.Options))
            .AddInMemoryCollection(values)
            .Build();
        return configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
    }

    /// <summary>Builds the host for <paramref name="plan"/>; hardware is opened here, so a GPIO problem
    /// surfaces as <see cref="Hardware.Gpio.GpioUnavailableException"/> before anything connects.</summary>
    public static IHost Build(NodePlan plan, LogLevel minimumLevel = LogLevel.Information, TimeProvider? time = null) =>
        Build(plan, minimumLevel, time, openSensor: null);

    /// <summary>As the public overload; <paramref name="openSensor"/> replaces how polled sensors are opened.</summary>
    internal static IHost Build(NodePlan plan, LogLevel minimumLevel, TimeProvider? time, Func<Core.Manifest.SensorEntry, Hardware.Sensors.Polled.IPolledSensor>? openSensor)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
            Args = [],
        });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // Configuration rules (appsettings.json) outrank SetMinimumLevel, so the level is set as configuration.
        builder.Configuration["Logging:LogLevel:Default"] = minimumLevel.ToString();
        builder.Configuration["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = minimumLevel.ToString();
        var clock = time ?? TimeProvider.System;
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(plan);
        var boards = new GpioBoards(plan, clock, openSensor, new Hardware.Gpio.GpioChipDevices());
        // A factory registration, so the container disposes the boards (and closes the pins) on stop.
        builder.Services.AddSingleton(_ => boards);
        builder.Services.AddSingleton<NodeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeService>());
        builder.Services.AddSingleton<INodeHealth>(sp => sp.GetRequiredService<NodeService>());
        // ISystemdNotifier is registered only when systemd runs us, so it is resolved optionally.
        builder.Services.AddHostedService(sp => new WatchdogService(
            sp.GetService<ISystemdNotifier>(),
            sp.GetRequiredService<INodeHealth>(),
            clock,
            sp.GetRequiredService<ILogger<WatchdogService>>(),
            WatchdogService.FromEnvironment(
                Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId)));
        return builder.Build();
    }
}
