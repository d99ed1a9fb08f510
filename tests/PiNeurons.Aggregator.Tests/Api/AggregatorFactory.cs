using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// The real aggregator through WebApplicationFactory, on a real Mosquitto, with a topic root, client id
/// and SQLite file of its own so tests sharing a broker do not see each other. <c>services</c> replaces a
/// service at a seam (the event store) for a test about the aggregator's side of it.
/// </summary>
public sealed class AggregatorFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public AggregatorFactory(
        MosquittoBroker broker,
        string? root = null,
        string? stateDir = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Root = root ?? "t" + Guid.NewGuid().ToString("N")[..12];
        StateDir = stateDir ?? Directory.CreateTempSubdirectory("pineurons-aggregator-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Aggregator:Broker"] = broker.Url,
            ["Aggregator:Root"] = Root,
            ["Aggregator:ClientId"] = "agg-" + Root,
            ["Aggregator:StateDir"] = StateDir,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Root { get; }

    public string StateDir { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
