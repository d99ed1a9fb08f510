using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>How a host's GPIO is chosen: the manifest's gpio block reaches the chip rule, the node says at start
/// what it opened, and a chip that is not there fails before anything connects.</summary>
public sealed class GpioChoiceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-gpio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Create_NoGpioBlock_AutoOnTheHeaderChip()
    {
        var host = Assert.Single(Plan("# no gpio block").Hosts);

        Assert.Equal(GpioDriverKind.Auto, host.Driver);
        Assert.Equal(GpioChipRequest.Header, host.ChipRequest);
    }

    [Fact]
    public void Create_GpioBlockWithChipAndLabel_ReachesTheChipRule()
    {
        var host = Assert.Single(Plan("gpio: { driver: libgpiodv2, chip: 4, label: pinctrl-rp1 }").Hosts);

        Assert.Equal(GpioDriverKind.LibGpiodV2, host.Driver);
        Assert.Equal(new GpioChipRequest(4, "pinctrl-rp1"), host.ChipRequest);
    }

    [Fact]
    public void Create_GpioOption_ReplacesTheDriverAndKeepsTheManifestsChip()
    {
        var host = Assert.Single(Plan("gpio: { driver: libgpiodv2, label: pinctrl-rp1 }", gpio: "libgpiod").Hosts);

        Assert.Equal(GpioDriverKind.LibGpiod, host.Driver);
        Assert.Equal(new GpioChipRequest(Label: "pinctrl-rp1"), host.ChipRequest);
    }

    [Fact]
    public void GpioBoards_ManifestNamesAChipThatIsNotThere_FailsNamingItAndListingTheChips()
    {
        // A folder standing in for /dev, with one entry that is no chip's device: what the reader lists is what the message lists.
        var dev = Directory.CreateDirectory(Path.Combine(_dir, "dev")).FullName;
        File.WriteAllText(Path.Combine(dev, "gpiochip0"), string.Empty);
        var neuron = new NeuronEntry("g", "pi", NeuronConfig.Default, new LedEntry(17, ActiveLow: false), null, []);
        var plan = new NodePlan(BrokerAddress.Parse("mqtt://127.0.0.1:1"), "t", _dir, [new PlannedHost("pi", GpioDriverKind.Auto, 4, [neuron])]);

        var ex = Assert.Throws<GpioUnavailableException>(() => new GpioBoards(plan, TimeProvider.System, null, new GpioChipDevices(dev)));

        Assert.Contains("gpio.chip 4: there is no gpiochip4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO chips found: gpiochip0 (unreadable: not a GPIO chip).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_SimulatedBoard_SaysWhichGpioAtStart()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("g");

        await node.StopAsync();

        Assert.Contains("GPIO: simulated board (no hardware)", node.Output, StringComparison.Ordinal);
    }

    private NodePlan Plan(string gpioLine, string? gpio = null)
    {
        var manifest = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(manifest, $$"""
            version: 1
            hosts:
              pi-a:
                {{gpioLine}}
                neurons:
                  a: { led: { pin: 17 } }
            """);
        return NodePlanner.Create(new NodeOptions { Manifest = manifest, Node = "pi-a", Gpio = gpio }, "pi-a", null);
    }
}
