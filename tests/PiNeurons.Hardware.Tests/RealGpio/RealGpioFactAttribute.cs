namespace PiNeurons.Hardware.Tests.RealGpio;

/// <summary>
/// A test that needs a real GPIO chip whose lines it can drive and read from outside: gpio-sim in
/// the VM stage (.ci/vm-gpio.sh). Without <c>PINEURONS_REAL_GPIO_CHIP</c> the test is skipped with a
/// reason, so a dev machine or the plain test run shows it as not run instead of passing without
/// having touched a chip.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealGpioFactAttribute : FactAttribute
{
    public RealGpioFactAttribute()
    {
        if (!RealGpioChip.IsConfigured)
        {
            Skip = $"runs in the VM stage (.ci/vm-gpio.sh): set {RealGpioChip.ChipVariable}";
        }
    }
}
