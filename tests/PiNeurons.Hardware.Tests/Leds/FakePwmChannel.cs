using System.Device.Pwm;

namespace PiNeurons.Hardware.Tests.Leds;

/// <summary>Stands in for a sysfs PWM channel: records what it was asked to do, in order.</summary>
internal sealed class FakePwmChannel : PwmChannel
{
    private double _dutyCycle;

    public FakePwmChannel(int chip, int channel, int frequency, double dutyCycle)
    {
        Chip = chip;
        Channel = channel;
        Frequency = frequency;
        _dutyCycle = dutyCycle;
    }

    public int Chip { get; }

    public int Channel { get; }

    public List<string> Calls { get; } = [];

    public bool IsRunning { get; private set; }

    public override int Frequency { get; set; }

    public override double DutyCycle
    {
        get => _dutyCycle;
        set
        {
            _dutyCycle = value;
            Calls.Add(FormattableString.Invariant($"duty {value:0.####}"));
        }
    }

    public override void Start()
    {
        IsRunning = true;
        Calls.Add("start");
    }

    public override void Stop()
    {
        IsRunning = false;
        Calls.Add("stop");
    }

    protected override void Dispose(bool disposing)
    {
        Calls.Add("dispose");
        base.Dispose(disposing);
    }
}
