
namespace PiNeurons.Aggregator.Storage;

/// <summary>Creates the schema before any other service touches the store (hosted services start in order).</summary>
internal sealed class StoreInitializer(IEventStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
