using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// The potential and status LEDs and the click types (docs/outputs-wiring.md), through the node on a simulated board and a real broker: the status LED is lit while
/// connected and dark once stopped, the potential LED glows while the neuron is charged and goes dark when
/// the input expires, and a click is reported as a <c>button</c> event after the kick it made.
/// </summary>
public sealed class OutputsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const int ButtonPin = 27, StatusPin = 22, PotentialPin = 18;
    private readonly string _root = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-outputs-").FullName;
    private MqttProbe _probe = null!;
    private IHost _host = null!;
    private SimulatedGpioDriver _pins = null!;

    public async Task InitializeAsync()
    {
        _probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_root}/+/events", $"{_root}/+/status", $"{_root}/+/state");
        // Threshold 2: one button press (weight 1) charges it half way; the input lasts 1.5 s.
        var neuron = new NeuronEntry("o", "pi", NeuronConfig.Default with { Threshold = 2, InputLastingMs = 1500 },
            null, new ButtonEntry(ButtonPin, PullMode.Up, DebounceMs: 5) { DoubleClickMs = 1500, LongPressMs = 3000 }, [])
        {
            StatusLed = new LedEntry(StatusPin, ActiveLow: false),
            PotentialLed = new PotentialLedEntry(PotentialPin, ActiveLow: false, FrequencyHz: 200, null, null),
        };
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), _root, _stateDir,
            [new PlannedHost("pi", GpioDriverKind.Simulated, 0, [neuron])]);
        _host = NodeHost.Build(plan, LogLevel.Warning);
        _pins = _host.Services.GetRequiredService<GpioBoards>().Simulated["pi"];
        await _host.StartAsync();
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/o/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task StatusLed_LitWhileConnectedDarkOnceStopped()
    {
        await PinBecomesAsync(StatusPin, PinValue.High, () => { });

        await _host.StopAsync();

        Assert.Equal(PinValue.Low, _pins.ReadPin(StatusPin));
    }

    [Fact]
    public async Task PotentialLed_GlowsWhileChargedDarkWhenTheInputExpires()
    {
        Assert.Equal(PinValue.Low, _pins.ReadPin(PotentialPin));

        // Half charged (one kick of weight 1, threshold 2): software PWM toggles the pin.
        await PinBecomesAsync(PotentialPin, PinValue.High, () => _ = PressAsync());
        Assert.Equal(0.5, Board.PotentialBrightness, 3);

        // The input expires after 1.5 s (the state says potential 0): the LED goes dark and stays so.
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/o/state" && MqttProbe.PayloadOf(m).Contains("\"potential\":0,", StringComparison.Ordinal));
        await UntilAsync(() => Board.PotentialBrightness == 0 && _pins.ReadPin(PotentialPin) == PinValue.Low, "the potential LED dark");
    }

    [Fact]
    public async Task Click_SingleAndDouble_ReportedAsButtonEventsAfterTheirKicks()
    {
        await PressAsync();
        var single = await ButtonEventAsync("single");

        var mark = _probe.Received.Count;
        await PressAsync();
        await PressAsync();
        await ButtonEventAsync("double");

        var events = _probe.Received.Skip(mark).Where(m => m.Topic == $"{_root}/o/events").Select(MqttProbe.PayloadOf).ToList();
        var doubleAt = events.FindIndex(e => e.Contains("\"click\":\"double\"", StringComparison.Ordinal));
        Assert.Equal(2, events.Take(doubleAt).Count(e => e.Contains("\"kicked\"", StringComparison.Ordinal)));
        Assert.Contains("\"from\":\"button\"", MqttProbe.PayloadOf(single), StringComparison.Ordinal);
    }

    private NeuronBoard Board => _host.Services.GetRequiredService<GpioBoards>().BoardOf("o");

    // Presses the pulled-up button until the node saw the press (its kick), then releases it until the board saw that.
    private async Task PressAsync()
    {
        var before = _probe.Received.Count;
        _pins.SetInput(ButtonPin, PinValue.Low);
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/o/events" && !_probe.Received.Take(before).Contains(m)
            && MqttProbe.PayloadOf(m).Contains("\"kicked\"", StringComparison.Ordinal));
        _pins.SetInput(ButtonPin, PinValue.High);
        await UntilAsync(() => !Board.IsButtonPressed, "the release");
    }

    private Task<MqttApplicationMessage> ButtonEventAsync(string click) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/o/events"
            && MqttProbe.PayloadOf(m).Contains("\"type\":\"button\"", StringComparison.Ordinal)
            && MqttProbe.PayloadOf(m).Contains($"\"click\":\"{click}\"", StringComparison.Ordinal));

    private async Task PinBecomesAsync(int pin, PinValue value, Action act)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, SimulatedPinChangedEventArgs e)
        {
            if (e.Pin == pin && e.Value == value)
            {
                reached.TrySetResult();
            }
        }

        _pins.OutputChanged += OnChanged;
        try
        {
            act();
            if (_pins.ReadPin(pin) != value)
            {
                await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _pins.OutputChanged -= OnChanged;
        }
    }

    // The board raises no event for a release or for the end of PWM; re-check each pin change, and at least every 20 ms.
    private async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(object? sender, SimulatedPinChangedEventArgs e) => changed.TrySetResult();
            _pins.OutputChanged += OnChanged;
            try
            {
                await Task.WhenAny(changed.Task, Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token));
                Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            }
            finally
            {
                _pins.OutputChanged -= OnChanged;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _probe.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }
}
