using System.CommandLine;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli;

/// <summary>Turns the failures every command can meet into one clear line and a meaningful exit code.</summary>
internal static class CliErrors
{
    public static async Task<int> GuardAsync(ParseResult parse, Func<Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action();
        }
        catch (BrokerUnreachableException ex)
        {
            await error.WriteLineAsync($"pineurons: {ex.Message}");
            return CliExitCodes.BrokerUnreachable;
        }
        catch (MqttConnectionFatalException ex)
        {
            await error.WriteLineAsync($"pineurons: {ex.Message}");
            return CliExitCodes.BrokerRefused;
        }
        catch (TimeoutException ex)
        {
            await error.WriteLineAsync($"pineurons: {ex.Message}");
            return CliExitCodes.Timeout;
        }
    }
}
