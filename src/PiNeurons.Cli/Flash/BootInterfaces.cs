using System.Text;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// What a host's hardware needs switched on before its node can use it, read from the manifest: a BME280 needs the
/// I2C bus, a DS18B20 the kernel's 1-Wire bus on its pin, a hardware-PWM LED its pin's PWM function; and the unit's
/// hardening must let the node reach the first and the last.
/// </summary>
/// <param name="I2c">True when cloud-init's Raspberry Pi module is to enable I2C (<c>rpi.interfaces.i2c</c>).</param>
/// <param name="ConfigTxt">Lines to append to the boot partition's config.txt, or null for none.</param>
/// <param name="UnitDropIn">The unit's drop-in that opens the hardening for these buses, or null for none.</param>
internal sealed record BootInterfaces(bool I2c, string? ConfigTxt, string? UnitDropIn)
{
    /// <summary>Nothing to enable: GPIO lines alone need no setting.</summary>
    public static BootInterfaces None { get; } = new(false, null, null);

    /// <summary>The unit's drop-in with the hardware settings (beside credentials.conf).</summary>
    public const string DropInPath = "/etc/systemd/system/pineurons-node.service.d/hardware.conf";

    /// <summary>What <paramref name="host"/>'s neurons need.</summary>
    /// <exception cref="Commands.CliUsageException">A hardware-PWM LED that no overlay can serve (<see cref="PwmOverlay"/>).</exception>
    public static BootInterfaces For(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var sensors = host.Neurons.SelectMany(n => n.Sensors).ToList();
        // raspi-config's I2C switch (what the module runs) turns on bus 1, GPIO 2 and 3: the bus the manifest defaults to.
        var i2c = sensors.Any(s => s.Type == SensorTypes.Bme280);
        var lines = new List<string>();
        // The module's onewire switch would put the bus on GPIO 4 whatever the manifest says; the overlay takes the pin.
        lines.AddRange(sensors.Where(s => s.Type == SensorTypes.Ds18b20).Select(s => s.Pin).Distinct().Order()
            .Select(pin => $"dtoverlay=w1-gpio,gpiopin={pin}"));
        var pwm = PwmOverlay.For(host.Name, [.. host.Neurons
            .Where(n => n.PotentialLed is { PwmChip: not null })
            .Select(n => ($"{n.Id}.potentialLed", n.PotentialLed!.Pin))]);
        if (pwm is not null)
        {
            lines.Add(pwm);
        }

        return new BootInterfaces(i2c, ConfigLines(host.Name, lines), HardwareDropIn(i2c, pwm is not null));
    }

    private static string? ConfigLines(string host, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        // Appended at the end of config.txt, which may end inside a model's [section]: [all] makes them apply to every Pi.
        var text = new StringBuilder($"\n# Added by pineurons flash for the hardware of {host}'s neurons (docs/flashing.md).\n[all]\n");
        lines.ForEach(l => text.Append(l).Append('\n'));
        return text.ToString();
    }

    private static string? HardwareDropIn(bool i2c, bool pwm)
    {
        if (!i2c && !pwm)
        {
            return null;
        }

        var text = new StringBuilder("# Written by pineurons flash: lets the node reach this Pi's buses (docs/flashing.md).\n[Service]\n");
        if (i2c)
        {
            // The unit's DevicePolicy=closed allows only the GPIO chips; /dev/i2c-* belongs to group i2c on Raspberry Pi OS.
            text.Append("SupplementaryGroups=i2c\nDeviceAllow=char-i2c rw\n");
        }

        if (pwm)
        {
            // Hardware PWM is driven through /sys/class/pwm, which ProtectKernelTunables makes read-only. The node's user
            // has no capabilities, so it still writes only what udev gives group gpio: the PWM files.
            text.Append("ProtectKernelTunables=no\n");
        }

        return text.ToString();
    }
}
