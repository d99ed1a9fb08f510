using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PiNeurons.Aggregator.Api;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Live;
using PiNeurons.Aggregator.Metrics;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>Registers the aggregator's services and maps its endpoints.</summary>
public static class AggregatorServices
{
    /// <summary>Adds everything the aggregator runs. Hosted services start in this order and stop in reverse:
    /// the store is ready before the tail reads it, and the MQTT session closes before the writer stops.</summary>
    public static IServiceCollection AddAggregator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AggregatorOptions>().Bind(configuration.GetSection(AggregatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AggregatorOptions>, AggregatorOptionsValidator>();
        services.AddSingleton(sp => AggregatorSettings.Resolve(sp.GetRequiredService<IOptions<AggregatorOptions>>().Value));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(StoreFactory.Create);
        services.AddSingleton<NetworkView>();
        services.AddSingleton<EdgeLatencyTracker>();
        services.AddSingleton<LiveBroadcaster>();
        services.AddSingleton<AggregatorMetrics>();
        services.AddSingleton<IProcFiles, ProcFiles>();
        services.AddSingleton<ProcessStatsReader>();
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<IngestWriter>();
        services.AddSingleton(sp => new MqttIngest(
            sp.GetRequiredService<AggregatorSettings>(),
            sp.GetRequiredService<IngestQueue>(),
            sp.GetRequiredService<AggregatorMetrics>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngest>());
        services.AddHostedService<RetentionService>();
        services.AddHostedService<LivenessMonitor>();
        return services;
    }

    /// <summary>Maps the page, the API, the stream, health and metrics.</summary>
    public static IEndpointRouteBuilder MapAggregator(this IEndpointRouteBuilder app)
    {
        app.MapPageEndpoints();
        app.MapReadEndpoints();
        app.MapStreamEndpoint();
        app.MapCommandEndpoints();
        app.MapOperationsEndpoints();
        return app;
    }
}
