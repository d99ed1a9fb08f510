using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// One run of <c>pineurons secrets --broker-kind ejabberd</c> on the XOR manifest, and a real 2-node ejabberd cluster
/// running what it wrote: its topic rules included by each node, its logins registered by its script, its broker
/// certificate on each node's TLS listener. Shared by the tests of a class, which only read it.
/// </summary>
public sealed class EjabberdSecretsCluster : IAsyncLifetime
{
    private EjabberdCluster? _cluster;

    internal SecretsOutput Out { get; } = new();

    public EjabberdCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    public async Task InitializeAsync()
    {
        var result = await Out.RunAsync("--broker-kind", "ejabberd");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        _cluster = await EjabberdCluster.StartAsync(new EjabberdClusterOptions { Auth = EjabberdAuth.FromSecrets(Out.Dir) });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Out.Dispose();
    }
}
