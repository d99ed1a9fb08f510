using PiNeurons.Core;
using System.CommandLine;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// <c>pineurons flash</c>: the cloud-init boot files (user-data, network-config, meta-data) and the node
/// bundle that make a fresh Raspberry Pi OS Trixie card come up as one node of the manifest.
/// </summary>
internal static class FlashCommand
{
    public const string UserData = "user-data";
    public const string NetworkConfig = "network-config";
    public const string MetaData = "meta-data";

    /// <param name="prompt">Asks for the Wi-Fi password of an SSID; by default on the terminal without echo.</param>
    public static Command Create(Func<TextWriter, string, string>? prompt = null)
    {
        var options = new FlashOptions();
        var command = new Command(
            "flash",
            "Write the boot files (cloud-init) that make a fresh Raspberry Pi OS Trixie 64-bit card come up as a node of the "
            + "manifest; docs/flashing.md has the details.\n"
            + "Example: pineurons flash --manifest firmware-config/xor.yaml --node pi-h1 --ssh-key ~/.ssh/id_ed25519.pub --secrets cluster-secrets --no-bundle --out boot-pi-h1");
        options.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, MqttOptions.Offline, async context =>
        {
            var ask = prompt ?? WifiPassword.Prompt;
            var request = FlashRequest.From(pr, options, ssid => ask(context.Output, ssid));
            await BrokerLoginRule.WarnAsync(context.Error, "flash", request.Warnings);
            try
            {
                await FlashWriter.WriteAsync(request, context.Output, ct);
                return ExitCodes.Ok;
            }
            catch (FlashFailedException ex)
            {
                await context.Error.WriteLineAsync("flash: " + ex.Message);
                return ExitCodes.Failed;
            }
        }, ct));
        return command;
    }
}
