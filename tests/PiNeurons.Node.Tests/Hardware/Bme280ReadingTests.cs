using PiNeurons.Node.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// The BME280 path through the binding, in the node's own process: on simulated GPIO a BME280 is a
/// simulated chip on simulated I2C, so each reading goes through Bme280Device, Iot.Device.Bindings' driver
/// and compensation, and the UnitsNet quantities it returns, as on a Pi. Run against a trimmed or
/// NativeAOT build of the node, this shows that path still works there.
/// </summary>
public sealed class Bme280ReadingTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task SimulatedNode_Bme280ThreeMeasures_EachPublishedInItsUnitWithinTheSimulatedAir()
    {
        using var manifest = new TempManifest(
            "air",
            "sensors:",
            "  - { name: warmth, type: bme280, measure: temperature, intervalMs: 200 }",
            "  - { name: damp, type: bme280, measure: humidity, intervalMs: 200 }",
            "  - { name: weather, type: bme280, measure: pressure, intervalMs: 200 }");
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var mark = scenario.Mark();
        scenario.StartNode("--manifest", manifest.Path, "--node", TempManifest.Host, "--gpio", "simulated");
        await scenario.WaitOnlineAsync(mark, "air");

        // The simulated air (docs/sensors-wiring.md): 20-28 °C, 42-58 %RH, 1013.25 ± 2.5 hPa, give or take
        // the compensation's last step.
        (string Name, string Unit, double Low, double High)[] expected =
        [
            ("warmth", "°C", 19.99, 28.01),
            ("damp", "%", 41.99, 58.01),
            ("weather", "hPa", 1010.74, 1015.76),
        ];
        foreach (var (name, unit, low, high) in expected)
        {
            var message = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("air", $"sensors/{name}"), $"a reading of {name}");
            var reading = Scenario.Json(message)!.Value;
            Assert.Equal(unit, Scenario.Text(reading, "unit"));
            Assert.InRange(reading.GetProperty("value").GetDouble(), low, high);
            Assert.NotNull(Scenario.Text(reading, "at"));
        }

        // A read the binding failed would be an error event naming the sensor instead of a reading.
        Assert.DoesNotContain(scenario.Events(mark, "air"), e => Scenario.Text(e, "type") == "error");
    }
}
