using System.CommandLine;
using PiNeurons.Cli.Bench;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// What every command needs: the writers, the validated connection options (for commands that list them), a
/// connection on demand, and one place that turns failures into the exit codes of <see cref="ExitCodes"/>.
/// </summary>
internal sealed class CommandContext
{
    private readonly MqttOptions _options;
    private readonly ConnectionOptionValues _values;
    private readonly Lazy<MqttLogin?> _login;
    private readonly CancellationTokenSource? _deadline;
    private readonly long _started;

    private CommandContext(ParseResult parse, MqttOptions options, bool bounded, CancellationToken ct)
    {
        _options = options;
        _values = new ConnectionOptionValues(parse, options);
        Output = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        if (_values.Value(options.Password) is not null)
        {
            throw new CliUsageException("--password is refused: a password on the command line stays in shell history and in ps; "
                + "put it in a file readable only by you and give --password-file FILE (or PINEURONS_PASSWORD_FILE)");
        }

        // Read when a command connects, not here: the embedded-broker demo never logs in.
        _login = new Lazy<MqttLogin?>(() => MqttLogin.Read(
            _values.Value(options.Username),
            _values.Value(options.PasswordFile),
            _values.Given(options.PasswordFile) ? "--password-file" : MqttOptions.VariableOf("--password-file")));
        _started = Time.GetTimestamp();
        Timeout = _values.Timeout();
        Topics = _values.Topics();
        Broker = _values.Broker();
        Insecure = _values.Insecure();
        if (bounded)
        {
            // One deadline for the whole command, whatever the broker does: connecting, acknowledgements, answers.
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _deadline.CancelAfter(Timeout);
        }

        Cancellation = _deadline?.Token ?? ct;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>The command's cancellation: Ctrl+C, and for a bounded command its --timeout.</summary>
    public CancellationToken Cancellation { get; }

    public TimeSpan Timeout { get; }

    /// <summary>What is left of <see cref="Timeout"/> since the command started; zero once it is spent.</summary>
    public TimeSpan Remaining => Timeout - Time.GetElapsedTime(_started) is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public TopicScheme Topics { get; private set; }

    public BrokerList Broker { get; private set; }

    public bool Insecure { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>What the command waits for now, named when its --timeout ends the wait.</summary>
    public WaitStage Waiting { get; set; } = WaitStage.Working;

    /// <summary>The MQTT login of --username and --password-file (or their environment variables), or null for
    /// anonymous. Reading the password file on first use can throw a <see cref="CliUsageException"/>.</summary>
    public MqttLogin? Login => _login.Value;

    /// <summary>True when --broker was given on the command line (not defaulted), so the demo and the bench
    /// use it instead of their embedded broker.</summary>
    public bool BrokerGiven => _values.Given(_options.Broker);

    /// <summary>Runs <paramref name="body"/> and maps its failures to an exit code with a one-line message on Error.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The connection options (read only when the command lists them).</param>
    /// <param name="body">The command.</param>
    /// <param name="ct">Ctrl+C.</param>
    /// <param name="bounded">True for a one-shot command that must end within its --timeout whatever the broker does.</param>
    public static async Task<int> RunAsync(ParseResult parse, MqttOptions options, Func<CommandContext, Task<int>> body, CancellationToken ct, bool bounded = false)
    {
        var error = parse.InvocationConfiguration.Error;
        CommandContext? context = null;
        try
        {
            context = new CommandContext(parse, options, bounded, ct);
            return await body(context);
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (BrokerUnreachableException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.BrokerUnreachable;
        }
        catch (Exception ex) when (ex is MqttConnectionFatalException or PublishRefusedException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.LoginRefused;
        }
        catch (NoAnswerException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.NoAnswer;
        }
        catch (Exception ex) when (ex is UnknownNeuronException or NodeStartFailedException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
        catch (TimeoutException ex)
        {
            // Waits of the demo and the bench (neurons not coming online, a kick not reaching the chain's end).
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.NoAnswer;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (context?._deadline?.IsCancellationRequested == true)
        {
            var (code, message) = context.Waiting.Describe(context.Broker, context.Timeout);
            await error.WriteLineAsync(message);
            return code;
        }
        finally
        {
            context?._deadline?.Dispose();
        }
    }

    /// <summary>--force of the commands that address one neuron: send even when no node announced it.</summary>
    public static Option<bool> NewForceOption() => new("--force") { Description = "send even if no node announced ID under the root (no retained status)" };

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
            if (CleartextPassword.Refusal(Broker, Login?.Password is { Length: > 0 }, Insecure) is { } refusal)
            {
                throw new CliUsageException("--broker: " + refusal);
            }

            var caFile = _values.Value(_options.CaFile);
            if (caFile is not null && Broker.FirstPlain is { } plain)
            {
                throw new CliUsageException($"--ca-file applies to mqtts:// brokers; {plain} is plain MQTT: use mqtts://host:8883");
            }

            return new BrokerTarget(Broker, Login) { Tls = LoadTls(caFile), CaFile = caFile, Insecure = Insecure };
        }
    }

    /// <summary>Connects to the broker as <see cref="Login"/>, with the timeout as connect timeout.</summary>
    public async Task<MqttRequestClient> ConnectAsync()
    {
        Waiting = WaitStage.Connecting;
        var client = await Target.ConnectAsync(Topics.Root, Timeout, Time, Cancellation);
        Waiting = WaitStage.Working;
        return client;
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's acknowledgement of <paramref name="what"/>.</summary>
    public async Task PublishAsync(MqttRequestClient mqtt, string topic, ReadOnlyMemory<byte> payload, string what, (string Name, string Value)? userProperty = null)
    {
        Waiting = WaitStage.Acknowledgement(what);
        await mqtt.PublishAsync(topic, payload, userProperty, ct: Cancellation);
        Waiting = WaitStage.Working;
    }

    /// <summary>Request/response on a neuron's command topic; <see cref="NoAnswerException"/> when it stays silent.</summary>
    public async Task<MQTTnet.MqttApplicationMessage> RequestAsync(MqttRequestClient mqtt, NeuronTopics neuron, string commandTopic, ReadOnlyMemory<byte> payload)
    {
        Waiting = WaitStage.Answer(neuron);
        try
        {
            var answer = await mqtt.RequestAsync(commandTopic, payload, Timeout, Cancellation);
            Waiting = WaitStage.Working;
            return answer;
        }
        catch (TimeoutException)
        {
            throw new NoAnswerException(neuron.Id, Timeout, neuron.Status);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="id"/> is a neuron some node announced under the root (a retained status), so a typo
    /// is an error instead of a command that goes nowhere; says so when it is offline. Skipped with --force.
    /// </summary>
    /// <exception cref="UnknownNeuronException">Nothing is retained on its status topic.</exception>
    public async Task RequireKnownAsync(MqttRequestClient mqtt, string id, bool force)
    {
        if (force)
        {
            return;
        }

        var topics = Topics.For(id);
        Waiting = WaitStage.Directory;
        var known = await NeuronDirectory.ReadAsync(mqtt, Topics, [topics.Status], Timeout, Cancellation);
        Waiting = WaitStage.Working;
        if (!known.Complete)
        {
            // The broker did not let us check (an ACL without write on our reply topic): go ahead unchecked.
            return;
        }

        if (known.Status(id) is not { } status)
        {
            throw new UnknownNeuronException(id, Topics.Root, topics.Status);
        }

        if (status != StatusPayloads.Online)
        {
            await Error.WriteLineAsync($"{id} is {status}: nobody receives this until it is online again");
        }
    }

    /// <summary>A manifest names its root and broker; they count unless --root/--broker (or their variables) say otherwise.</summary>
    public void UseManifestDefaults(string root, string? broker)
    {
        if (_values.LeftToTheManifest(_options.Root))
        {
            Topics = _values.Topics(root);
        }

        if (broker is not null && _values.LeftToTheManifest(_options.Broker))
        {
            Broker = _values.Broker(broker);
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
}
