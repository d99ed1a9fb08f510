using PiNeurons.Cli.Inventory;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Tests.Inventory;

public class InventoryFormatterTests
{
    private static readonly string[] XorHosts = ["pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z"];

    private static ClusterManifest Xor() => ClusterManifest.Parse(File.ReadAllText(XorPath()), "xor.yaml");

    internal static string XorPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "firmware-config", "xor.yaml")))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new FileNotFoundException("firmware-config/xor.yaml above " + AppContext.BaseDirectory) : Path.Combine(dir.FullName, "firmware-config", "xor.yaml");
    }

    private static InventorySettings Settings(string domain = "local", string? user = null) =>
        new("pineurons", BrokerAddress.Parse("mqtt://pi-broker.local:1883"), domain, user);

    [Fact]
    public void Ini_Xor_ListsEverySixHostsWithTheirVars()
    {
        var text = InventoryFormatter.Format(Xor(), Settings(), InventoryFormat.Ini, "xor.yaml");

        var lines = text.Split('\n');
        var group = Array.IndexOf(lines, "[pineurons]");
        Assert.True(group >= 0, text);
        var hostLines = lines.Skip(group + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(XorHosts, hostLines.Select(l => l.Split(' ')[0]));
        Assert.Contains("pi-h2 ansible_host='\"pi-h2.local\"' pineurons_node='\"pi-h2\"' pineurons_neurons='\"h2\"'", hostLines);
        Assert.Contains("pi-z ansible_host='\"pi-z.local\"' pineurons_node='\"pi-z\"' pineurons_neurons='\"z\"'", hostLines);
    }

    [Fact]
    public void Ini_Xor_GroupVarsCarryRootAndBroker()
    {
        var text = InventoryFormatter.Format(Xor(), Settings(user: "pi"), InventoryFormat.Ini, "xor.yaml");

        var vars = text[text.IndexOf("[pineurons:vars]\n", StringComparison.Ordinal)..];
        Assert.Equal(
            "[pineurons:vars]\nansible_user=pi\npineurons_root=pineurons\npineurons_broker=mqtt://pi-broker.local:1883\n"
            + "pineurons_broker_host=pi-broker.local\npineurons_broker_port=1883\npineurons_broker_tls=false\n",
            vars);
    }

    [Fact]
    public void Yaml_Xor_ListsEverySixHostsWithTheirVars()
    {
        var text = InventoryFormatter.Format(Xor(), Settings(), InventoryFormat.Yaml, "xor.yaml");

        Assert.Contains("all:\n  children:\n    pineurons:\n      hosts:\n", text, StringComparison.Ordinal);
        foreach (var host in XorHosts)
        {
            Assert.Contains($"        \"{host}\":\n          ansible_host: \"{host}.local\"\n          pineurons_node: \"{host}\"\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("          pineurons_neurons: \"h3\"\n", text, StringComparison.Ordinal);
        Assert.EndsWith(
            "      vars:\n        pineurons_root: \"pineurons\"\n        pineurons_broker: \"mqtt://pi-broker.local:1883\"\n"
            + "        pineurons_broker_host: \"pi-broker.local\"\n        pineurons_broker_port: 1883\n        pineurons_broker_tls: false\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Format_HostWithSeveralNeurons_JoinsIdsWithCommas()
    {
        var manifest = ClusterManifest.Parse("version: 1\nhosts:\n  pi-a:\n    neurons:\n      a1:\n      '2':\n      a3:\n");

        var text = InventoryFormatter.Format(manifest, Settings(), InventoryFormat.Ini, "m.yaml");

        Assert.Contains("pineurons_neurons='\"a1,2,a3\"'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_EmptyDomain_UsesTheBareHostname()
    {
        var text = InventoryFormatter.Format(Xor(), Settings(domain: ""), InventoryFormat.Ini, "xor.yaml");

        Assert.Contains("pi-x ansible_host='\"pi-x\"'", text, StringComparison.Ordinal);
    }
}
