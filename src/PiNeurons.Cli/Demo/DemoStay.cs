using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Demo;

/// <summary><c>--stay</c>: the demo's network stays up until Ctrl+C, and this says how to play with it.</summary>
internal static class DemoStay
{
    public static async Task RunAsync(
        TextWriter output, BrokerTarget broker, string root, Uri? page, TimeProvider time, CancellationToken ct, string? learner = null)
    {
        // mosquitto_sub and mosquitto_pub take one broker: a cluster's first node serves the whole network.
        var address = broker.Address.First;
        var login = broker.Login is { } l ? $" --username {l.UserName}" + (l.PasswordFile is { } f ? $" --password-file {f}" : "") : "";
        await output.WriteLineAsync();
        await output.WriteLineAsync($"The network stays up on {broker.Address} until Ctrl+C. Try, from another terminal:");
        if (page is not null)
        {
            await output.WriteLineAsync($"  open {page} in a browser and press a neuron's kick button");
        }

        if (broker.Login is null)
        {
            // Each line runs as printed (the tests run them): the stock tools with their defaults, and this CLI.
            var tls = broker.CaFile is { } ca ? $" --cafile {ca}" : string.Empty;
            await output.WriteLineAsync($"  mosquitto_sub -h {address.Host} -p {address.Port}{tls} -v -t '{root}/+/events'");
            await output.WriteLineAsync($"  mosquitto_pub -h {address.Host} -p {address.Port}{tls} -t {root}/x/kick -n");
        }
        else
        {
            await output.WriteLineAsync("  mosquitto_sub and mosquitto_pub with your login, as docs/mqtt-tools.md shows");
        }

        var caFile = broker.CaFile is { } file ? $" --ca-file {file}" : string.Empty;
        await output.WriteLineAsync($"  {SelfCommand.Prefix} query z --broker {broker.Address} --root {root}{login}{caFile}");
        if (learner is not null)
        {
            await output.WriteLineAsync($"  {SelfCommand.Prefix} teach {learner} 1 --broker {address} --root {root}{login}{caFile}");
        }

        await output.WriteLineAsync("  or point Home Assistant's MQTT integration at this broker: each neuron appears as a device (docs/mqtt-tools.md)");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
