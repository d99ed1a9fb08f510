using PiNeurons.Core;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Inventory;

public class InventoryCommandTests
{
    [Fact]
    public async Task Inventory_Xor_PrintsIniWithTheManifestBroker()
    {
        var result = await CliRun.RunAsync("inventory", "--manifest", InventoryFormatterTests.XorPath(), "--user", "pi");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\npi-h1 ansible_host='\"pi-h1.local\"'", result.Output, StringComparison.Ordinal);
        Assert.Contains("\npineurons_broker=mqtts://pi-broker.local:8883\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("\nansible_user=pi\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Inventory_PlainBrokerOnTheNetwork_WritesTheInventoryAndWarnsOnStderr()
    {
        var result = await CliRun.RunAsync("inventory", "--manifest", InventoryFormatterTests.XorPath(), "--broker", "mqtt://pi-broker.local:1883");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\npineurons_broker=mqtt://pi-broker.local:1883\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(["inventory: warning: the manifest's broker mqtt://pi-broker.local:1883 is plain MQTT, which the shipped broker does not offer "
            + "on the network (its Swarm stack publishes only 8883, TLS with passwords, and 8884, TLS with client certificates): "
            + "make it mqtts://pi-broker.local:8883, or keep it for a broker of your own"], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Inventory_ExplicitBrokerAndRoot_OverrideTheManifest()
    {
        var result = await CliRun.RunAsync(
            "inventory", "--manifest", InventoryFormatterTests.XorPath(), "--format", "yaml", "--broker", "mqtts://10.0.0.2", "--root", "lab/a");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("pineurons_root: \"lab/a\"\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("pineurons_broker_port: 8883\n        pineurons_broker_tls: true\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_InvalidManifest_ExitsUsageWithTheManifestError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pineurons-inventory-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "version: 1\nhosts:\n  pi-a:\n    neurons:\n      a:\n        threshold: high\n");
        try
        {
            var result = await CliRun.RunAsync("inventory", "--manifest", path);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains($"{path} is not a valid manifest:", result.Error, StringComparison.Ordinal);
            Assert.Contains("hosts.pi-a.neurons.a: threshold: expected a number", result.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--format", "json", "--format 'json' is not known: use ini or yaml")]
    [InlineData("--domain", "-bad.", "--domain '-bad.' is not a DNS domain")]
    [InlineData("--user", "pi user", "--user 'pi user' is not a user name")]
    public async Task Inventory_BadOption_ExitsUsage(string option, string value, string message)
    {
        var result = await CliRun.RunAsync("inventory", "--manifest", InventoryFormatterTests.XorPath(), option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_MissingFile_ExitsUsage()
    {
        var result = await CliRun.RunAsync("inventory", "--manifest", "/nonexistent/cluster.yaml");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("cannot read manifest /nonexistent/cluster.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExplainsWithAnExample()
    {
        var result = await CliRun.RunAsync("inventory", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Print the Ansible inventory of the manifest's Pis for deploy/ansible/deploy.yml", result.Output, StringComparison.Ordinal);
        Assert.Contains("Example: pineurons inventory --manifest firmware-config/xor.yaml --user pi > inventory.ini", result.Output, StringComparison.Ordinal);
        Assert.Contains("--format", result.Output, StringComparison.Ordinal);
        Assert.Contains("--domain", result.Output, StringComparison.Ordinal);
    }
}
