using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>Tests that set PINEURONS_* variables of this process: alone, so no other test reads them meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentGroup
{
    public const string Name = "process environment";
}

/// <summary>Every connection option defaults to its PINEURONS_ variable, by the rule the node and the aggregator share.</summary>
[Collection(EnvironmentGroup.Name)]
public sealed class EnvironmentTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Kick_RootAndBrokerFromTheirVariables_UsesThem()
    {
        await FakeNeuron.AnnounceAsync(fixture.Broker.Url, "e1", root: "env/root");
        await using var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url, "env/root/e1/kick");

        var result = await WithEnvironmentAsync(
            new() { ["PINEURONS_ROOT"] = "env/root", ["PINEURONS_BROKER"] = fixture.Broker.Url },
            () => CliRun.RunAsync("kick", "e1"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        await neuron.WaitForAsync("env/root/e1/kick");
    }

    [Fact]
    public async Task Kick_InsecureFromItsVariable_LetsThePasswordCrossInClear()
    {
        var password = Path.Combine(Directory.CreateTempSubdirectory("pineurons-env-").FullName, "pw");
        await File.WriteAllTextAsync(password, "secret\n");
        string[] args = ["kick", "e2", "--broker", "mqtt://192.0.2.1:1883", "--username", "operator", "--password-file", password, "--timeout", "1"];

        var refused = await CliRun.RunAsync(args);
        var allowed = await WithEnvironmentAsync(new() { ["PINEURONS_INSECURE"] = "true" }, () => CliRun.RunAsync(args));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("refusing to send the MQTT password in clear text", refused.Error, StringComparison.Ordinal);
        // Allowed: it tries the (unroutable test-net) address instead of refusing.
        Assert.Equal(ExitCodes.BrokerUnreachable, allowed.ExitCode);
    }

    [Theory]
    [InlineData("PINEURONS_TIMEOUT", "soon", "PINEURONS_TIMEOUT: 'soon' is not a number of seconds")]
    [InlineData("PINEURONS_INSECURE", "maybe", "PINEURONS_INSECURE: 'maybe' is not true or false")]
    [InlineData("PINEURONS_ROOT", "a/+", "PINEURONS_ROOT 'a/+' is not a valid topic root")]
    [InlineData("PINEURONS_BROKER", "http://x", "PINEURONS_BROKER: ")]
    public async Task BadVariable_ExitsUsageNamingTheVariable(string variable, string value, string message)
    {
        var result = await WithEnvironmentAsync(new() { [variable] = value }, () => CliRun.RunAsync("kick", "e3"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    private static async Task<T> WithEnvironmentAsync<T>(Dictionary<string, string> variables, Func<Task<T>> body)
    {
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            return await body();
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
