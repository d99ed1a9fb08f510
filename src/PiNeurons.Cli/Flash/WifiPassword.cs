using System.Text;
using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// Where the Wi-Fi password comes from: a file, or a prompt without echo. Never the command line, which
/// shell history and <c>ps</c> keep for anyone to read.
/// </summary>
internal static class WifiPassword
{
    /// <summary>The first line of <paramref name="path"/>, without its line break.</summary>
    public static string FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--wifi-password-file: cannot read {path}: {ex.Message}");
        }

        var end = text.IndexOfAny(['\r', '\n']);
        return Check(end < 0 ? text : text[..end], "--wifi-password-file " + path);
    }

    /// <summary>Asks on the terminal with no echo; a usage error when stdin is not a terminal.</summary>
    public static string Prompt(TextWriter output, string ssid)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Console.IsInputRedirected)
        {
            throw new CliUsageException($"--wifi-ssid {ssid}: the password is needed; give --wifi-password-file FILE (stdin is not a terminal to ask on)");
        }

        output.Write($"Wi-Fi password for '{ssid}' (not shown): ");
        output.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return Check(password.ToString(), "the password typed");
    }

    /// <summary>WPA2/3-Personal: a passphrase of 8 to 63 printable ASCII characters, or the 64-hex-digit PSK.</summary>
    public static string Check(string password, string source)
    {
        ArgumentNullException.ThrowIfNull(password);
        var isPassphrase = password.Length is >= 8 and <= 63 && password.All(c => c is >= ' ' and <= '~');
        var isHexKey = password.Length == 64 && password.All(char.IsAsciiHexDigit);
        return isPassphrase || isHexKey
            ? password
            : throw new CliUsageException($"{source}: a WPA password is 8 to 63 printable ASCII characters (or 64 hex digits); got {password.Length} characters");
    }
}
