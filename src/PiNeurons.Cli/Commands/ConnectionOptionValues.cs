using System.CommandLine;
using System.Globalization;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// The values of a command's <see cref="MqttOptions"/>: from the command line, else from their PINEURONS_ variables,
/// else the defaults. A command that does not list an option gets its default. A bad value is a usage error naming
/// where it came from (the option, or the variable).
/// </summary>
internal sealed class ConnectionOptionValues(ParseResult parse, MqttOptions options)
{
    /// <summary>True when the command lists <paramref name="option"/>.</summary>
    public bool Has(Option option) => parse.CommandResult.Command.Options.Contains(option);

    /// <summary>True when <paramref name="option"/> is on the command line (not defaulted).</summary>
    public bool Given(Option option) => Has(option) && parse.GetResult(option) is { Implicit: false };

    /// <summary>The option's value (command line, variable or default), or the type's default when the command does not list it.</summary>
    public T? Value<T>(Option<T> option) => Has(option) ? parse.GetValue(option) : default;

    /// <summary>--timeout, else PINEURONS_TIMEOUT, else 5 s; more than 0 and at most an hour.</summary>
    public TimeSpan Timeout()
    {
        var seconds = MqttOptions.DefaultTimeoutSeconds;
        var source = "--timeout";
        if (Given(options.Timeout))
        {
            seconds = parse.GetValue(options.Timeout);
        }
        else if (Has(options.Timeout) && MqttOptions.FromEnvironment(source) is { } text)
        {
            source = MqttOptions.VariableOf(source);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                throw new CliUsageException($"{source}: '{text}' is not a number of seconds");
            }
        }

        return seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliUsageException($"{source}: {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds from more than 0 to 3600");
    }

    /// <summary>--insecure, else PINEURONS_INSECURE (true/false, 1/0, yes/no).</summary>
    public bool Insecure()
    {
        if (!Has(options.Insecure))
        {
            return false;
        }

        if (Given(options.Insecure))
        {
            return parse.GetValue(options.Insecure);
        }

        return MqttOptions.FromEnvironment("--insecure")?.ToLowerInvariant() switch
        {
            null or "false" or "0" or "no" => false,
            "true" or "1" or "yes" => true,
            var other => throw new CliUsageException($"{MqttOptions.VariableOf("--insecure")}: '{other}' is not true or false"),
        };
    }

    /// <summary>The topic root of --root (or PINEURONS_ROOT), or <paramref name="root"/> when given.</summary>
    public TopicScheme Topics(string? root = null)
    {
        root ??= Has(options.Root) ? Value(options.Root) : ProtocolLimits.DefaultRoot;
        return TopicScheme.IsValidRoot(root)
            ? new TopicScheme(root!)
            : throw new CliUsageException($"{Source("--root", options.Root)} '{NeuronId.Describe(root)}' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/')");
    }

    /// <summary>The broker (or the nodes of a cluster) of --broker (or PINEURONS_BROKER), or <paramref name="text"/> when given.</summary>
    public BrokerList Broker(string? text = null)
    {
        text ??= Has(options.Broker) ? Value(options.Broker) : MqttOptions.DefaultBroker;
        return BrokerList.TryParse(text, out var broker, out var problem)
            ? broker
            : throw new CliUsageException($"{Source("--broker", options.Broker)}: {problem}");
    }

    /// <summary>True when neither the option nor its variable says otherwise, so a manifest's value counts.</summary>
    public bool LeftToTheManifest(Option option) => !Given(option) && MqttOptions.FromEnvironment(option.Name) is null;

    private string Source(string name, Option option) =>
        Given(option) || MqttOptions.FromEnvironment(name) is null ? name : MqttOptions.VariableOf(name);
}
