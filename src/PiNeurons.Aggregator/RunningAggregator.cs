namespace PiNeurons.Aggregator;

/// <summary>An aggregator started by <see cref="AggregatorApp.StartAsync"/>; dispose to stop it.</summary>
public sealed class RunningAggregator : IAsyncDisposable
{
    internal RunningAggregator(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    /// <summary>The web application.</summary>
    public WebApplication App { get; }

    /// <summary>The first address it listens on, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Stops it: the MQTT session is closed cleanly and the store flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
