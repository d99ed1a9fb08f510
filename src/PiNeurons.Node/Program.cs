using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PiNeurons.Core;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Node.Hosting;

if (NodeCommandLine.Create().Parse(args, Console.Out, Console.Error, out var commandLine) is { } done)
{
    return done;
}

NodePlan plan;
try
{
    var options = NodeHost.ReadOptions(commandLine);
    plan = NodePlanner.Create(options, Environment.MachineName, Environment.GetEnvironmentVariable("STATE_DIRECTORY"));
}
catch (Exception ex) when (ex is NodeConfigurationException or ArgumentException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"pineurons-node: {ex.Message}");
    return ExitCodes.Usage;
}

IHost host;
try
{
    host = NodeHost.Build(plan);
}
catch (GpioUnavailableException ex)
{
    await Console.Error.WriteLineAsync($"pineurons-node: {ex.Message}");
    return ExitCodes.GpioUnavailable;
}

using (host)
{
    // Resolved before running: RunAsync disposes the service provider when it returns.
    var node = host.Services.GetRequiredService<NodeService>();
    await host.RunAsync();
    return node.ExitCode;
}
