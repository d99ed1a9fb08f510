using System.CommandLine;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// What every command needs: the writers, the validated global options, a connection on demand, and
/// one place that turns failures into the exit codes of <see cref="CliExitCodes"/>.
/// </summary>
internal sealed class CommandContext
{
    private readonly ParseResult _parse;
    private readonly CliGlobalOptions _global;
    private readonly Lazy<MqttLogin?> _login;

    private CommandContext(ParseResult parse, CliGlobalOptions global, CancellationToken ct)
    {
        _parse = parse;
        _global = global;
        Cancellation = ct;
        Output = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(global.Password) is not null)
        {
            throw new CliUsageException("--password is refused: a password on the command line stays in shell history and in ps; "
                + "put it in a file readable only by you and give --password-file FILE (or PINEURONS_PASSWORD_FILE)");
        }

        // Read when a command connects, not here: flash and the embedded-broker demo never log in.
        _login = new Lazy<MqttLogin?>(() => MqttLogin.Read(
            parse.GetValue(global.Username),
            parse.GetValue(global.PasswordFile),
            parse.GetResult(global.PasswordFile) is null or { Implicit: true } ? CliGlobalOptions.PasswordFileVariable : "--password-file"));
        var seconds = parse.GetValue(global.Timeout);
        if (!(seconds > 0) || double.IsInfinity(seconds) || seconds > 3600)
        {
            throw new CliUsageException($"--timeout: {seconds} is not a number of seconds between 0 and 3600");
        }

        Timeout = TimeSpan.FromSeconds(seconds);
        Topics = ParseRoot(parse.GetValue(global.Root));
        Broker = ParseBroker(parse.GetValue(global.Broker));
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public CancellationToken Cancellation { get; }

    public TimeSpan Timeout { get; }

    public TopicScheme Topics { get; private set; }

    public BrokerAddress Broker { get; private set; }

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>The MQTT login of --username and --password-file (or their environment variables), or null for
    /// anonymous. Reading the password file on first use can throw a <see cref="CliUsageException"/>.</summary>
    public MqttLogin? Login => _login.Value;

    /// <summary>True when --broker was given on the command line (not defaulted), so the demo and the bench
    /// use it instead of their embedded broker.</summary>
    public bool BrokerGiven => _parse.GetResult(_global.Broker) is { Implicit: false };

    /// <summary>Runs <paramref name="body"/> and maps its failures to an exit code with a one-line message on Error.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliGlobalOptions global, Func<CommandContext, Task<int>> body, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body(new CommandContext(parse, global, ct));
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliExitCodes.Usage;
        }
        catch (BrokerUnreachableException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliExitCodes.BrokerUnreachable;
        }
        catch (MqttConnectionFatalException ex)
        {
            await error.WriteLineAsync(ex.Message + "; the CLI logs in with --username NAME --password-file FILE (or PINEURONS_USERNAME, PINEURONS_PASSWORD_FILE)");
            return CliExitCodes.BrokerRefused;
        }
        catch (NoAnswerException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return CliExitCodes.Timeout;
        }
        catch (TimeoutException ex)
        {
            // Waits of the demo and the bench (neurons not coming online, a kick not reaching the chain's end).
            await error.WriteLineAsync(ex.Message);
            return CliExitCodes.Timeout;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return CliExitCodes.Failed;
        }
    }

    /// <summary>Returns <paramref name="id"/> if it is a valid neuron id, else a usage error naming <paramref name="what"/>.</summary>
    public static string RequireId(string? id, string what = "neuron id") =>
        id is not null && NeuronId.IsValid(id)
            ? id
            : throw new CliUsageException($"{what} '{NeuronId.Describe(id)}' is not valid: use {NeuronId.Rule}");

    /// <summary>The broker, the login and how to reach it safely. Checked here, when a command connects: a
    /// password is not sent in clear text to another machine unless --insecure says so.</summary>
    public BrokerTarget Target
    {
        get
        {
            var insecure = _parse.GetValue(_global.Insecure);
            if (CleartextPassword.Refusal(Broker, Login?.Password is { Length: > 0 }, insecure) is { } refusal)
            {
                throw new CliUsageException("--broker: " + refusal);
            }

            var caFile = _parse.GetValue(_global.CaFile);
            if (caFile is not null && !Broker.UseTls)
            {
                throw new CliUsageException($"--ca-file applies to mqtts:// brokers; {Broker} is plain MQTT: use mqtts://host:8883");
            }

            return new BrokerTarget(Broker, Login) { Tls = LoadTls(caFile), CaFile = caFile, Insecure = insecure };
        }
    }

    private static MqttTls? LoadTls(string? caFile)
    {
        try
        {
            return caFile is null ? null : MqttTls.Load(caFile, null, null);
        }
        catch (MqttTlsFileException ex)
        {
            throw new CliUsageException($"{ex.Option}: {ex.Message}");
        }
    }

    /// <summary>Connects to the broker as <see cref="Login"/>, with the timeout as connect timeout.</summary>
    public Task<MqttRequestClient> ConnectAsync() => Target.ConnectAsync(Topics.Root, Timeout, Time, Cancellation);

    /// <summary>Request/response on a neuron's command topic; <see cref="NoAnswerException"/> when it stays silent.</summary>
    public async Task<MQTTnet.MqttApplicationMessage> RequestAsync(MqttRequestClient mqtt, NeuronTopics neuron, string commandTopic, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return await mqtt.RequestAsync(commandTopic, payload, Timeout, Cancellation);
        }
        catch (TimeoutException)
        {
            throw new NoAnswerException(neuron.Id, Timeout, neuron.Status);
        }
    }

    /// <summary>A manifest names its root and broker; they count unless --root/--broker (or PINEURONS_BROKER) say otherwise.</summary>
    public void UseManifestDefaults(string root, string? broker)
    {
        if (_parse.GetResult(_global.Root) is null or { Implicit: true })
        {
            Topics = ParseRoot(root);
        }

        if (broker is not null
            && _parse.GetResult(_global.Broker) is null or { Implicit: true }
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PINEURONS_BROKER")))
        {
            Broker = ParseBroker(broker);
        }
    }

    private static TopicScheme ParseRoot(string? root) =>
        TopicScheme.IsValidRoot(root)
            ? new TopicScheme(root!)
            : throw new CliUsageException($"--root '{NeuronId.Describe(root)}' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/')");

    private static BrokerAddress ParseBroker(string? text) =>
        BrokerAddress.TryParse(text, out var broker, out var problem) ? broker : throw new CliUsageException("--broker: " + problem);
}
