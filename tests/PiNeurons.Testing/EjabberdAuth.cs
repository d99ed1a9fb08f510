namespace PiNeurons.Testing;

/// <summary>
/// Who may log in to a test's ejabberd cluster: anyone (<see cref="Anonymous"/>, for tests of the protocol and the
/// cluster), or exactly the logins and topic rules <c>pineurons secrets --broker-kind ejabberd</c> wrote
/// (<see cref="FromSecrets"/>, for tests of those rules).
/// </summary>
public sealed record EjabberdAuth
{
    /// <summary>The topic rules <c>pineurons secrets --broker-kind ejabberd</c> writes: ACLs and two macros.</summary>
    public const string AccessFileName = "ejabberd-access.yml";

    /// <summary>The script <c>pineurons secrets --broker-kind ejabberd</c> writes that registers every login.</summary>
    public const string UsersScriptName = "ejabberd-users.sh";

    /// <summary>The macros of <see cref="AccessFileName"/> that mod_mqtt's <c>access_publish</c> and <c>access_subscribe</c> name.</summary>
    public const string PublishMacro = "PINEURONS_ACCESS_PUBLISH";

    /// <inheritdoc cref="PublishMacro"/>
    public const string SubscribeMacro = "PINEURONS_ACCESS_SUBSCRIBE";

    private EjabberdAuth(string? secretsDirectory) => SecretsDirectory = secretsDirectory;

    /// <summary>Test only: any user name with any non-empty password (ejabberd's anonymous <c>login_anon</c>: mod_mqtt
    /// refuses a CONNECT without a password), several connections per name, and no topic rules.</summary>
    public static EjabberdAuth Anonymous { get; } = new((string?)null);

    /// <summary>The folder of a <c>pineurons secrets --broker-kind ejabberd</c> run, or null for <see cref="Anonymous"/>.</summary>
    public string? SecretsDirectory { get; }

    /// <summary>The generated files of <paramref name="secretsDirectory"/>: its topic rules (<c>ejabberd-access.yml</c>,
    /// included by every node), its logins (<c>ejabberd-users.sh</c>, run once the cluster stands) and a TLS listener
    /// beside the plain one on each node, with its broker certificate.</summary>
    public static EjabberdAuth FromSecrets(string secretsDirectory) => new(secretsDirectory ?? throw new ArgumentNullException(nameof(secretsDirectory)));
}
