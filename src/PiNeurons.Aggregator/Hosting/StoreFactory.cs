using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>Picks the store the settings ask for: PostgreSQL when a connection string is given, else SQLite.</summary>
internal static class StoreFactory
{
    public static IEventStore Create(IServiceProvider services)
    {
        var settings = services.GetRequiredService<AggregatorSettings>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return settings.PostgresConnectionString is { } connection
            ? new PostgresEventStore(connection, loggers.CreateLogger<PostgresEventStore>())
            : new SqliteEventStore(settings.SqlitePath, loggers.CreateLogger<SqliteEventStore>());
    }
}
