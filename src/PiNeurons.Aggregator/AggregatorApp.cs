using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PiNeurons.Aggregator.Api;
using PiNeurons.Aggregator.Hosting;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Core;

namespace PiNeurons.Aggregator;

/// <summary>Builds and runs the aggregator web application.</summary>
public static class AggregatorApp
{
    /// <summary>Parses <paramref name="args"/>, runs until stopped, returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (AggregatorCommandLine.Create().Parse(args, Console.Out, Console.Error, out var commandLine) is { } done)
        {
            return done;
        }

        var app = Build(commandLine, configure: null);

        await using (app)
        {
            try
            {
                // Checked before the host starts, so a bad option is its one-line message, not the host's
                // "Hosting failed to start" log with a stack trace in front of it.
                _ = app.Services.GetRequiredService<AggregatorSettings>();
                await app.StartAsync();
            }
            catch (InvalidOperationException ex) when (AggregatorCommandLine.DescribeBindingFailure(ex) is { } message)
            {
                await Console.Error.WriteLineAsync($"pineurons-aggregator: {message}");
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is OptionsValidationException or AggregatorConfigurationException)
            {
                await Console.Error.WriteLineAsync($"pineurons-aggregator: {ex.Message}");
                return ExitCodes.Usage;
            }

            await app.WaitForShutdownAsync();
            return app.Services.GetRequiredService<MqttIngest>().Refused ? ExitCodes.LoginRefused : ExitCodes.Ok;
        }
    }

    /// <summary>
    /// Starts an aggregator in this process (the CLI's demo, tests) with the same options as the command
    /// line (<c>--broker</c>, <c>--urls</c>, <c>--db</c>, ...); returns once it listens and its MQTT
    /// session is subscribed.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown option.</exception>
    /// <exception cref="OptionsValidationException">A bad option value.</exception>
    public static async Task<RunningAggregator> StartAsync(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        var app = Build(AggregatorCommandLine.Create().Values(args), configure);
        try
        {
            await app.StartAsync(ct);
            await app.Services.GetRequiredService<MqttIngest>().WaitUntilConnectedAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("the aggregator listens on no address");
            return new RunningAggregator(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the application: the settings of the command line (<paramref name="parsed"/>, from
    /// <see cref="AggregatorCommandLine"/>) over the environment's, then the caller's changes.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> parsed, Action<WebApplicationBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        // ASP.NET Core's own settings (urls, environment, ...) must be there when the builder is made.
        var hostArgs = parsed.Where(kv => !kv.Key.StartsWith(AggregatorOptions.Section + ":", StringComparison.Ordinal))
            .Select(kv => $"--{kv.Key}={kv.Value}")
            .ToArray();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            ApplicationName = typeof(AggregatorApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(AggregatorCommandLine.FromEnvironment());
        builder.Configuration.AddInMemoryCollection(parsed.Where(kv => kv.Key.StartsWith(AggregatorOptions.Section + ":", StringComparison.Ordinal)));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddAggregator(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseViewerGate();
        app.MapAggregator();
        return app;
    }
}
