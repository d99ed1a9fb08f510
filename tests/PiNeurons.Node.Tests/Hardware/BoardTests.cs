using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// The node's hardware path end to end, in process: a press on the simulated board's button pin is seen on
/// MQTT as a <c>button</c> event, a kick and a firing, and the fire LED pin goes high; a PIR edge likewise.
/// </summary>
public sealed class BoardTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const int LedPin = 17, ButtonPin = 27, PirPin = 22;
    private readonly string _root = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-board-").FullName;
    private MqttProbe _probe = null!;
    private IHost _host = null!;
    private SimulatedGpioDriver _pins = null!;

    public async Task InitializeAsync()
    {
        _probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_root}/+/events", $"{_root}/+/status");
        var neuron = new NeuronEntry("b", "pi", NeuronConfig.Default with { RefractoryMs = 0 },
            new LedEntry(LedPin, ActiveLow: false),
            new ButtonEntry(ButtonPin, PullMode.Up, DebounceMs: 20),
            [new SensorEntry("pir", "digital", PirPin, PullMode.None, EdgeKind.Rising, DebounceMs: 50)]);
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), _root, _stateDir,
            [new PlannedHost("pi", GpioDriverKind.Simulated, 0, [neuron])]);
        _host = NodeHost.Build(plan, LogLevel.Warning);
        _pins = _host.Services.GetRequiredService<GpioBoards>().Simulated["pi"];
        await _host.StartAsync();
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/b/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task ButtonPress_PullUpPinGoesLow_ButtonEventKickFiringAndLedOn()
    {
        var ledOn = LedTurnsOn();

        _pins.SetInput(ButtonPin, PinValue.Low);

        await EventAsync("button", "button");
        await EventAsync("kicked", "button");
        await EventAsync("fired", "button");
        // The LED's rising edge is the proof: reading the pin afterwards would race the end of its pulse.
        await ledOn.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PirSensor_RisingEdge_SensorEventKickAndFiring()
    {
        var ledOn = LedTurnsOn();

        _pins.SetInput(PirPin, PinValue.High);

        await EventAsync("sensor", "sensor:pir");
        await EventAsync("kicked", "sensor:pir");
        await EventAsync("fired", "sensor:pir");
        await ledOn.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task LedTurnsOn()
    {
        var on = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pins.OutputChanged += (_, e) =>
        {
            if (e.Pin == LedPin && e.Value == PinValue.High)
            {
                on.TrySetResult();
            }
        };
        return on.Task;
    }

    private Task<MqttApplicationMessage> EventAsync(string type, string from) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/b/events"
            && MqttProbe.PayloadOf(m).Contains($"\"type\":\"{type}\"", StringComparison.Ordinal)
            && MqttProbe.PayloadOf(m).Contains($"\"from\":\"{from}\"", StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _probe.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }
}
