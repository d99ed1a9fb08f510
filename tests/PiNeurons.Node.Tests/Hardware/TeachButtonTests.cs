using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// The teach button of docs/learning.md, end to end in process: after the neuron decided not to fire, a click on the
/// simulated teach pin teaches it 1 and a long press teaches it 0, seen on MQTT as <c>learned</c> events.
/// </summary>
public sealed class TeachButtonTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const int TeachPin = 22;
    private readonly string _root = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-teach-").FullName;
    private MqttProbe _probe = null!;
    private IHost _host = null!;
    private SimulatedGpioDriver _pins = null!;

    public async Task InitializeAsync()
    {
        _probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_root}/+/events", $"{_root}/+/status");
        var config = NeuronConfig.Default with
        {
            Threshold = 2,
            Weights = new Dictionary<string, double> { ["x"] = 1 },
            RefractoryMs = 0,
            Learning = new LearningConfig { Rule = LearningRule.Perceptron, Rate = 0.5 },
        };
        var neuron = new NeuronEntry("t", "pi", config, null, null, [])
        {
            TeachButton = new ButtonEntry(TeachPin, PullMode.Up, DebounceMs: 5) { DoubleClickMs = 50, LongPressMs = 300 },
        };
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), _root, _stateDir, [new PlannedHost("pi", GpioDriverKind.Simulated, 0, [neuron])]);
        _host = NodeHost.Build(plan, LogLevel.Warning);
        _pins = _host.Services.GetRequiredService<GpioBoards>().Simulated["pi"];
        await _host.StartAsync();
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/t/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task Click_AfterADecisionNotToFire_TeachesOne()
    {
        await KickAndWaitForTheDecisionAsync();

        _pins.SetInput(TeachPin, PinValue.Low);
        _pins.SetInput(TeachPin, PinValue.High);

        var learned = await LearnedAsync("threshold");
        Assert.Contains("\"old\":2,\"new\":1.5", MqttProbe.PayloadOf(learned), StringComparison.Ordinal);
        Assert.Contains("teach: target 1, output 0", MqttProbe.PayloadOf(await LearnedAsync("weight")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongPress_AfterAFiring_TeachesZero()
    {
        await _probe.PublishAsync($"{_root}/t/set", """{"threshold":0.5}""");
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/t/events" && MqttProbe.PayloadOf(m).Contains("\"type\":\"config\"", StringComparison.Ordinal));
        await _probe.PublishAsync($"{_root}/t/kick", "x");
        await EventAsync("fired");

        // Held past longPressMs: the long click is decided while the button is still down.
        _pins.SetInput(TeachPin, PinValue.Low);
        var learned = await LearnedAsync("threshold");
        _pins.SetInput(TeachPin, PinValue.High);

        Assert.Contains("\"old\":0.5,\"new\":1", MqttProbe.PayloadOf(learned), StringComparison.Ordinal);
        Assert.Contains("teach: target 0, output 1", MqttProbe.PayloadOf(learned), StringComparison.Ordinal);
    }

    private async Task KickAndWaitForTheDecisionAsync()
    {
        await _probe.PublishAsync($"{_root}/t/kick", "x");
        await EventAsync("decided");
    }

    private Task<MqttApplicationMessage> EventAsync(string type) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/t/events" && MqttProbe.PayloadOf(m).Contains($"\"type\":\"{type}\"", StringComparison.Ordinal));

    private Task<MqttApplicationMessage> LearnedAsync(string field) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/t/events"
            && MqttProbe.PayloadOf(m).Contains("\"type\":\"learned\"", StringComparison.Ordinal)
            && MqttProbe.PayloadOf(m).Contains($"\"field\":\"{field}\"", StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _probe.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }
}
