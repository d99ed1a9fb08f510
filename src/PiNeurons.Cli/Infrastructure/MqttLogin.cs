using PiNeurons.Cli.Commands;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>
/// The CLI's MQTT login: <c>--username</c> and the password from <c>--password-file</c>. The path is kept too,
/// because the in-process aggregator of <c>demo</c> and <c>bench ingest</c> reads the file itself.
/// </summary>
/// <param name="UserName">The MQTT user name.</param>
/// <param name="Password">The first line of the password file, or null when only a user name was given.</param>
/// <param name="PasswordFile">The password file's path, or null.</param>
internal sealed record MqttLogin(string UserName, string? Password, string? PasswordFile)
{
    /// <summary>Reads the password file. A file that cannot be read is a usage error naming
    /// <paramref name="fileOption"/> (the option, or the environment variable it came from).</summary>
    /// <returns>Null when neither a user name nor a password file is given: an anonymous client.</returns>
    public static MqttLogin? Read(string? userName, string? passwordFile, string fileOption)
    {
        if (userName is null)
        {
            return passwordFile is null
                ? null
                : throw new CliUsageException($"{fileOption} needs --username (or PINEURONS_USERNAME): a password is for a user name");
        }

        if (passwordFile is null)
        {
            return new MqttLogin(userName, null, null);
        }

        try
        {
            // The first line: `echo secret > file` ends in a newline that is not part of the password.
            var password = File.ReadLines(passwordFile).FirstOrDefault() ?? string.Empty;
            return new MqttLogin(userName, password, passwordFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{fileOption}: cannot read {passwordFile}: {ex.Message}");
        }
    }

    /// <summary>The same login for neurons hosted in this process (demo and bench on an external broker).</summary>
    public MqttCredentials ForNode() => new(UserName, Password ?? string.Empty);

    /// <summary>The same login as options of the in-process aggregator.</summary>
    public IEnumerable<string> AggregatorArguments() =>
        PasswordFile is null ? ["--username", UserName] : ["--username", UserName, "--password-file", PasswordFile];

    /// <summary>Keeps the password out of logs, messages and failed assertions.</summary>
    public override string ToString() => $"{UserName} (password hidden)";
}
