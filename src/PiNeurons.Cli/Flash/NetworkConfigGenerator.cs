using System.Text;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// The cloud-init <c>network-config</c> (netplan version 2) for the node's Wi-Fi. The only boot file that
/// holds the Wi-Fi password. Pure.
/// </summary>
internal static class NetworkConfigGenerator
{
    public static string Generate(WifiSettings wifi)
    {
        ArgumentNullException.ThrowIfNull(wifi);
        var y = new StringBuilder();
        y.Append("# Written by `pineurons flash`: the Pi's Wi-Fi, read by cloud-init on the first boot.\n");
        y.Append("network:\n");
        y.Append("  version: 2\n");
        y.Append("  wifis:\n");
        y.Append("    wlan0:\n");
        y.Append("      dhcp4: true\n");
        // Booting must not wait for a network that is out of range; the node reconnects to MQTT by itself.
        y.Append("      optional: true\n");
        // Raspberry Pi OS keeps the radio blocked (rfkill) until a country is set.
        y.Append("      regulatory-domain: ").Append(YamlText.Quote(wifi.Country)).Append('\n');
        y.Append("      access-points:\n");
        y.Append("        ").Append(YamlText.Quote(wifi.Ssid)).Append(":\n");
        y.Append("          password: ").Append(YamlText.Quote(wifi.Password)).Append('\n');
        return y.ToString();
    }
}
