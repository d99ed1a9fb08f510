using System.Device.Gpio;
using System.Globalization;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.RealGpio;

/// <summary>
/// The real chip the <see cref="RealGpioFactAttribute"/> tests run on, as named by the environment,
/// and the gpio-sim files that stand in for the world outside the pins: <c>sim_gpioN/value</c> is the
/// level a line has (what an LED would show), <c>sim_gpioN/pull</c> pulls a line up or down as a
/// button or sensor wired to it would.
/// </summary>
internal sealed class RealGpioChip
{
    /// <summary>The chip: its number, or its device (<c>/dev/gpiochip0</c>).</summary>
    public const string ChipVariable = "PINEURONS_REAL_GPIO_CHIP";

    /// <summary>The driver to open it with, as <c>--gpio</c> takes it: <c>libgpiod</c> or <c>libgpiodv2</c>.</summary>
    public const string DriverVariable = "PINEURONS_REAL_GPIO_DRIVER";

    /// <summary>gpio-sim's sysfs directory of the chip, e.g. <c>/sys/devices/platform/gpio-sim.0/gpiochip0</c>.</summary>
    public const string SimVariable = "PINEURONS_REAL_GPIO_SIM";

    /// <summary>The label the VM gave the chip (a Raspberry Pi header's), which the chip rule finds it by.</summary>
    public const string LabelVariable = "PINEURONS_REAL_GPIO_LABEL";

    // Under qemu TCG a first call can take seconds to JIT; this only bounds a wait that ends on a signal.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private RealGpioChip(int chip, GpioDriverKind driver, string simDirectory, string label)
    {
        Chip = chip;
        Driver = driver;
        SimDirectory = simDirectory;
        Label = label;
    }

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChipVariable));

    public int Chip { get; }

    public GpioDriverKind Driver { get; }

    public string SimDirectory { get; }

    public string Label { get; }

    /// <summary>How many lines gpio-sim gave the chip: one <c>sim_gpioN</c> directory each.</summary>
    public int Lines => Directory.EnumerateDirectories(SimDirectory, "sim_gpio*").Count();

    /// <summary>The soname the driver loads: how a test tells which libgpiod really drives the chip.</summary>
    public string Library => Driver == GpioDriverKind.LibGpiodV2 ? "libgpiod.so.3" : "libgpiod.so.2";

    /// <summary>
    /// Reads the three variables. Once the chip is named, a missing or wrong driver or sim directory is
    /// a broken VM stage, so it fails the test with the variable's name rather than skipping it.
    /// </summary>
    public static RealGpioChip FromEnvironment()
    {
        var chipText = Environment.GetEnvironmentVariable(ChipVariable)?.Trim() ?? "";
        var digits = chipText[(chipText.TrimEnd("0123456789".ToCharArray()).Length)..];
        if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var chip))
        {
            throw new InvalidOperationException($"{ChipVariable}='{chipText}' names no chip: give 0 or /dev/gpiochip0.");
        }

        var driverText = Environment.GetEnvironmentVariable(DriverVariable);
        if (!GpioControllerFactory.TryParse(driverText, out var driver) || driver is not (GpioDriverKind.LibGpiod or GpioDriverKind.LibGpiodV2))
        {
            throw new InvalidOperationException($"{DriverVariable}='{driverText}': give libgpiod or libgpiodv2.");
        }

        var sim = Environment.GetEnvironmentVariable(SimVariable);
        if (string.IsNullOrWhiteSpace(sim) || !Directory.Exists(sim))
        {
            throw new InvalidOperationException($"{SimVariable}='{sim}' is not gpio-sim's sysfs directory of the chip.");
        }

        var label = Environment.GetEnvironmentVariable(LabelVariable);
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new InvalidOperationException($"{LabelVariable} is not set: give the label the chip carries.");
        }

        return new RealGpioChip(chip, driver, sim, label);
    }

    /// <summary>A controller on the chip through the repo's factory, with the named driver and chip.</summary>
    public GpioController OpenController() =>
        GpioControllerFactory.Open(Driver, new GpioChipRequest(Chip), new GpioChipDevices()).Controller;

    /// <summary>The level on <paramref name="line"/>: what it drives as an output, what is pulled onto it as an input.</summary>
    public PinValue Level(int line) =>
        File.ReadAllText(SimFile(line, "value")).Trim() == "1" ? PinValue.High : PinValue.Low;

    /// <summary>Pulls <paramref name="line"/> high or low from outside, as a button or sensor would.</summary>
    public void Drive(int line, PinValue level) =>
        File.WriteAllText(SimFile(line, "pull"), level == PinValue.High ? "pull-up" : "pull-down");

    /// <summary>Polls <paramref name="line"/> until it reads <paramref name="expected"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForLevelAsync(int line, PinValue expected, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Level(line) != expected)
        {
            try
            {
                await Task.Delay(PollInterval, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"line {line} of gpiochip{Chip} did not go to {expected} within {timeout.TotalSeconds} s.");
            }
        }
    }

    private string SimFile(int line, string name) =>
        Path.Combine(SimDirectory, $"sim_gpio{line.ToString(CultureInfo.InvariantCulture)}", name);
}
