using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>One 2-node ejabberd cluster with anonymous logins, shared by the tests of a class; each test keeps to topics
/// of its own.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private EjabberdCluster? _cluster;

    public EjabberdCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    public async Task InitializeAsync() => _cluster = await EjabberdCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
