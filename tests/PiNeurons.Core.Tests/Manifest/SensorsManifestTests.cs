using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

public class SensorsManifestTests
{
    private static NeuronEntry ParseNeuron(string neuronYaml, string extraTop = "")
    {
        var yaml = $"""
            version: 1
            {extraTop}
            hosts:
              pi-t:
                neurons:
                  t:
            {Indent(neuronYaml, 8)}
            """;
        return ClusterManifest.Parse(yaml).FindNeuron("t")!;
    }

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    private static ManifestException Invalid(string neuronYaml) =>
        Assert.Throws<ManifestException>(() => ParseNeuron(neuronYaml));

    [Fact]
    public void Parse_EverySensorType_ReadsItsFieldsAndDefaults()
    {
        var t = ParseNeuron("""
            sensors:
              - { name: room, type: bme280, measure: temperature, address: 0x77, intervalMs: 2000, threshold: { above: 25 } }
              - { name: damp, type: dht22, pin: 5, measure: humidity, threshold: { above: 70, hysteresis: 3 } }
              - { name: hand, type: hcsr04, trigger: 23, echo: 24, threshold: { below: 20 } }
              - { name: pipe, type: ds18b20, device: 28-00000a1b2c3d }
              - { name: motion, type: pir, pin: 17 }
            """);

        var room = t.Sensors[0];
        Assert.Equal(("bme280", "temperature", 1, 0x77, 2000), (room.Type, room.Measure, room.Bus, room.Address, room.IntervalMs));
        Assert.Equal(new SensorThresholdEntry(ThresholdDirection.Above, 25, 0.5), room.Threshold);
        Assert.True(room.IsPolled);
        Assert.Empty(room.Pins);

        var damp = t.Sensors[1];
        Assert.Equal(("humidity", 5, 5000), (damp.Measure, damp.Pin, damp.IntervalMs));
        Assert.Equal(new SensorThresholdEntry(ThresholdDirection.Above, 70, 3), damp.Threshold);

        var hand = t.Sensors[2];
        Assert.Equal(("distance", 23, 24, 500), (hand.Measure, hand.TriggerPin, hand.EchoPin, hand.IntervalMs));
        Assert.Equal([23, 24], hand.Pins);
        Assert.Equal(ThresholdDirection.Below, hand.Threshold!.Direction);

        var pipe = t.Sensors[3];
        Assert.Equal(("temperature", "28-00000a1b2c3d", 4), (pipe.Measure, pipe.Device, pipe.Pin));
        Assert.Null(pipe.Threshold);

        var motion = t.Sensors[4];
        Assert.Equal(("pir", 17, EdgeKind.Rising, PullMode.None), (motion.Type, motion.Pin, motion.Edge, motion.Pull));
        Assert.False(motion.IsPolled);
    }

    [Fact]
    public void Parse_OutputsAndClickTiming_ReadWithDefaults()
    {
        var t = ParseNeuron("""
            led: { pin: 17 }
            potentialLed: { pin: 18, pwmChip: 0, pwmChannel: 0 }
            statusLed: { pin: 22, activeLow: true }
            button: { pin: 27, doubleClickMs: 300 }
            """);

        Assert.Equal(new PotentialLedEntry(18, false, 500, 0, 0), t.PotentialLed);
        Assert.Equal(new LedEntry(22, true), t.StatusLed);
        Assert.Equal((300, 1000), (t.Button!.DoubleClickMs, t.Button.LongPressMs));
    }

    // Pi 3/4 give GPIO 18 and 19 channels 0 and 1, a Pi 5 channels 2 and 3; the manifest does not say which Pi it is.
    [Theory]
    [InlineData(12, 0)]
    [InlineData(13, 1)]
    [InlineData(18, 0)]
    [InlineData(18, 2)]
    [InlineData(19, 1)]
    [InlineData(19, 3)]
    public void Parse_HardwarePwmOnAPinThatCarriesTheChannel_Read(int pin, int channel)
    {
        var t = ParseNeuron($"potentialLed: {{ pin: {pin}, pwmChip: 2, pwmChannel: {channel} }}");

        Assert.Equal(new PotentialLedEntry(pin, false, 500, 2, channel), t.PotentialLed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public void Parse_FrequencyAtItsBounds_Read(int frequency)
    {
        var t = ParseNeuron($"potentialLed: {{ pin: 24, frequencyHz: {frequency} }}");

        Assert.Equal(frequency, t.PotentialLed!.FrequencyHz);
    }

    [Theory]
    [InlineData(50, 200)]
    [InlineData(2000, 10_000)]
    public void Parse_ClickWindowsAtTheirBounds_Read(int doubleClickMs, int longPressMs)
    {
        var t = ParseNeuron($"button: {{ pin: 27, doubleClickMs: {doubleClickMs}, longPressMs: {longPressMs} }}");

        Assert.Equal((doubleClickMs, longPressMs), (t.Button!.DoubleClickMs, t.Button.LongPressMs));
    }

    [Fact]
    public void Parse_ActiveLowWithSoftwarePwm_Read()
    {
        var t = ParseNeuron("potentialLed: { pin: 24, activeLow: true }");

        Assert.Equal(new PotentialLedEntry(24, true, 500, null, null), t.PotentialLed);
    }

    [Fact]
    public void Parse_NoOutputs_NullAndButtonDefaults()
    {
        var t = ParseNeuron("button: { pin: 27 }");

        Assert.Null(t.PotentialLed);
        Assert.Null(t.StatusLed);
        Assert.Equal((400, 1000), (t.Button!.DoubleClickMs, t.Button.LongPressMs));
    }

    [Theory]
    [InlineData("sensors: [ { name: a, type: thermistor, pin: 4 } ]", "sensors[0].type: 'thermistor' is not supported (digital, pir, bme280, dht22, hcsr04, ds18b20)")]
    [InlineData("sensors: [ { name: a, type: dht22, pin: 4, measure: pressure } ]", "sensors[0].measure: a dht22 reads temperature, humidity, not 'pressure'")]
    [InlineData("sensors: [ { name: a, type: dht22, pin: 4, intervalMs: 500 } ]", "sensors[0].intervalMs: expected a whole number from 2000 to 86400000")]
    [InlineData("sensors: [ { name: a, type: dht22 } ]", "sensors[0].pin: required")]
    [InlineData("sensors: [ { name: a, type: hcsr04, trigger: 23 } ]", "sensors[0].echo: required")]
    [InlineData("sensors: [ { name: a, type: bme280, address: 0x40 } ]", "sensors[0].address: '0x40' is not a BME280 address")]
    [InlineData("sensors: [ { name: a, type: ds18b20, device: 10-abc } ]", "sensors[0].device: required: the DS18B20's 1-Wire id")]
    [InlineData("sensors: [ { name: a, type: bme280, pin: 4 } ]", "sensors[0].pin: unknown field")]
    [InlineData("sensors: [ { name: a, type: pir, pin: 4, threshold: { above: 1 } } ]", "sensors[0].threshold: unknown field")]
    [InlineData("sensors: [ { name: a, type: bme280, threshold: { above: 1, below: 2 } } ]", "sensors[0].threshold: give exactly one of above or below")]
    [InlineData("sensors: [ { name: a, type: bme280, threshold: { above: warm } } ]", "sensors[0].threshold.above: 'warm' is not a number")]
    [InlineData("sensors: [ { name: a, type: bme280, threshold: { above: 1, hysteresis: -1 } } ]", "sensors[0].threshold.hysteresis: must be 0 or more")]
    [InlineData("sensors: [ { name: a, type: bme280 }, { name: a, type: bme280, measure: humidity } ]", "sensors: the name 'a' is used twice")]
    [InlineData("potentialLed: { pin: 18, pwmChip: 0 }", "potentialLed.pwmChannel: give pwmChip and pwmChannel together")]
    [InlineData("potentialLed: { pin: 24, pwmChip: 0, pwmChannel: 0 }", "potentialLed.pwmChannel: GPIO 24 has no hardware PWM channel (only GPIO 12, 13, 18, 19 have one)")]
    [InlineData("potentialLed: { pin: 18, pwmChip: 0, pwmChannel: 1 }", "potentialLed.pwmChannel: GPIO 18 carries hardware PWM channel 0 or 2, not 1")]
    [InlineData("potentialLed: { pin: 18, activeLow: true, pwmChip: 0, pwmChannel: 0 }", "potentialLed.activeLow: not with hardware PWM")]
    [InlineData("potentialLed: { pin: 18, frequencyHz: 0 }", "potentialLed.frequencyHz: expected a whole number from 1 to 100000")]
    [InlineData("button: { pin: 27, doubleClickMs: 49 }", "button.doubleClickMs: expected a whole number from 50 to 2000")]
    [InlineData("button: { pin: 27, longPressMs: 10001 }", "button.longPressMs: expected a whole number from 200 to 10000")]
    [InlineData("button: { pin: 27, longPressMs: 300 }", "button.longPressMs: must be longer than doubleClickMs (400)")]
    [InlineData("led: { pin: 17 }\nstatusLed: { pin: 17 }", "GPIO 17 is used by both t.led and t.statusLed")]
    [InlineData("button: { pin: 2 }\nsensors: [ { name: a, type: bme280 } ]", "GPIO 2 is used by both t.button and I2C bus 1 SDA (t.sensors.a)")]
    [InlineData("sensors: [ { name: a, type: ds18b20, device: 28-00000a1b2c3d }, { name: b, type: dht22, pin: 4 } ]", "GPIO 4 is used by both 1-Wire bus (t.sensors.a) and t.sensors.b")]
    [InlineData("sensors: [ { name: a, type: ds18b20, pin: 2000, device: 28-00000a1b2c3d } ]", "sensors[0].pin: expected a whole number from 0 to 1023")]
    public void Parse_BadHardware_NamesTheFieldAndTheFix(string neuronYaml, string expected)
    {
        var ex = Invalid(neuronYaml);

        Assert.Contains(ex.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RoomYaml_TheShippedSensorExampleIsValid()
    {
        var manifest = ClusterManifest.Parse(Helpers.RepoFiles.RoomYaml, "room.yaml");

        var warm = manifest.FindNeuron("warm")!;
        Assert.True(manifest.HomeAssistant.Discovery);
        Assert.Equal(["room", "damp", "motion"], warm.Sensors.Select(s => s.Name));
        Assert.Equal(new SensorThresholdEntry(ThresholdDirection.Above, 25, 0.5), warm.Sensors[0].Threshold);
        Assert.NotNull(warm.PotentialLed);
        Assert.NotNull(warm.StatusLed);
        Assert.Equal(0.5, warm.Config.Weights["sensor:motion"]);
    }

    [Fact]
    public void Parse_Ds18b20sOnOnePin_ShareTheOneWireBus()
    {
        var t = ParseNeuron("""
            sensors:
              - { name: pipe, type: ds18b20, pin: 17, device: 28-00000a1b2c3d }
              - { name: tank, type: ds18b20, pin: 17, device: 28-00000a1b2c3e }
            """);

        Assert.Equal([17, 17], t.Sensors.Select(s => s.Pin));
    }

    [Fact]
    public void Parse_TwoBme280OnOneBus_ShareTheI2cLines()
    {
        var t = ParseNeuron("""
            sensors:
              - { name: warm, type: bme280 }
              - { name: damp, type: bme280, measure: humidity }
              - { name: outside, type: bme280, address: 0x77 }
            """);

        Assert.Equal(3, t.Sensors.Count);
    }

    [Fact]
    public void Parse_HomeAssistant_OffByDefaultAndReadWhenGiven()
    {
        Assert.False(ClusterManifest.Parse("hosts: { pi: { neurons: { a: } } }").HomeAssistant.Discovery);

        var manifest = ClusterManifest.Parse("homeAssistant: { discovery: true, prefix: ha }\nhosts: { pi: { neurons: { a: } } }");

        Assert.Equal(new HomeAssistantEntry(true, "ha", HomeAssistantDiscoveryForm.Device), manifest.HomeAssistant);
    }

    [Theory]
    [InlineData("device", HomeAssistantDiscoveryForm.Device)]
    [InlineData("component", HomeAssistantDiscoveryForm.Component)]
    public void Parse_HomeAssistantDiscoveryForm_OnInThatForm(string discovery, HomeAssistantDiscoveryForm form)
    {
        var manifest = ClusterManifest.Parse($"homeAssistant: {{ discovery: {discovery} }}\nhosts: {{ pi: {{ neurons: {{ a: }} }} }}");

        Assert.Equal(new HomeAssistantEntry(true, "homeassistant", form), manifest.HomeAssistant);
    }

    [Theory]
    [InlineData("homeAssistant: { discovery: yes }", "homeAssistant.discovery: expected true, false, device or component")]
    [InlineData("homeAssistant: { prefix: 'ha/#' }", "homeAssistant.prefix: 'ha/#' is not a valid topic prefix")]
    [InlineData("homeAssistant: { discover: true }", "homeAssistant.discover: unknown field")]
    public void Parse_BadHomeAssistant_NamesTheField(string top, string expected)
    {
        var ex = Assert.Throws<ManifestException>(() => ClusterManifest.Parse(top + "\nhosts: { pi: { neurons: { a: } } }"));

        Assert.Contains(ex.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WholeNumbersWrittenAsFloatsOrExponents_ReadAsTheseNumbers()
    {
        var t = ParseNeuron("""
            refractoryMs: 100.0
            inputLastingMs: 5e2
            led: { pin: 17.0 }
            button: { pin: 27, debounceMs: 30.0, doubleClickMs: 4.0e2, longPressMs: 1000.0 }
            sensors:
              - { name: room, type: bme280, measure: temperature, intervalMs: 2.0e3, threshold: { above: 25 } }
            """);

        Assert.Equal((100, 500), (t.Config.RefractoryMs, t.Config.InputLastingMs));
        Assert.Equal(17, t.Led!.Pin);
        Assert.Equal((30, 400, 1000), (t.Button!.DebounceMs, t.Button.DoubleClickMs, t.Button.LongPressMs));
        Assert.Equal(2000, t.Sensors[0].IntervalMs);
    }

    [Theory]
    [InlineData("refractoryMs: 100.5", "refractoryMs")]
    [InlineData("led: { pin: 17.5 }", "led.pin")]
    [InlineData("sensors:\n  - { name: room, type: bme280, measure: temperature, intervalMs: 2000.5 }", "intervalMs")]
    public void Parse_WholeNumberFieldWithAFraction_RefusedNamingTheField(string yaml, string field) =>
        Assert.Contains(field, Invalid(yaml).Message, StringComparison.Ordinal);
}
