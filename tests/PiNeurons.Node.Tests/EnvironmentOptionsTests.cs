using PiNeurons.CommandLine;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Node.Tests;

/// <summary>Options come from PINEURONS_* variables too, and the command line wins over them.</summary>
public sealed class EnvironmentOptionsTests
{
    [Fact]
    public void ReadOptions_PineuronsVariables_FillEveryOption()
    {
        var variables = NodeCommandLine.Options.Select(o => (EnvironmentVariables.Of(o.Name), o.ConfigurationKey)).ToList();
        Assert.Contains(("PINEURONS_BROKER", $"{NodeOptions.Section}:{nameof(NodeOptions.Broker)}"), variables);
        Assert.Contains(("PINEURONS_STATE_DIR", $"{NodeOptions.Section}:{nameof(NodeOptions.StateDir)}"), variables);
        Assert.Contains(("PINEURONS_PASSWORD_FILE", $"{NodeOptions.Section}:{nameof(NodeOptions.PasswordFile)}"), variables);
        Assert.Contains(("PINEURONS_PASSWORD_DIR", $"{NodeOptions.Section}:{nameof(NodeOptions.PasswordDir)}"), variables);

        WithVariable("PINEURONS_BROKER", "mqtt://192.0.2.7:1999", () =>
        {
            Assert.Equal("mqtt://192.0.2.7:1999", NodeHost.ReadOptions(NodeCommandLine.Create().Values(["--neurons", "a"])).Broker);
            Assert.Equal("mqtt://127.0.0.1:1", NodeHost.ReadOptions(NodeCommandLine.Create().Values(["--neurons", "a", "--broker", "mqtt://127.0.0.1:1"])).Broker);
        });
    }

    private static void WithVariable(string name, string value, Action body)
    {
        var before = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }
}
