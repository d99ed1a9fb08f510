using System.Security.Cryptography;
using PiNeurons.Cli.Commands;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// Makes the broker's and the clients' secrets for a manifest: the CA, the broker's certificate, a password
/// for the aggregator and each operator, one password or client certificate per neuron, what the broker needs to know
/// every login and its rights (Mosquitto: its dynamic-security plugin's file; an ejabberd cluster: its topic rules, the
/// script that registers the logins and the nodes' Erlang cookie), and the aggregator's operator token. Nothing is written
/// until every input is checked, and nothing of an earlier run is replaced without --force; with --force, existing
/// passwords, client keys, the operator token and the Erlang cookie are kept, because the Pis were flashed with them,
/// operators hold the token and running nodes share the cookie (a client certificate is reissued for its kept key: it is public).
/// </summary>
internal sealed class SecretsGenerator(ClusterManifest manifest, string root, SecretsRequest request, DateTimeOffset now)
{
    /// <summary>Always in the broker's certificate: the Swarm stack's service name, by which the aggregator reaches it.</summary>
    public const string StackServiceName = "mosquitto";

    /// <summary>In the broker's certificate for ejabberd instead: the services of deploy/swarm/stack.ejabberd.yml, one per node.</summary>
    public static readonly IReadOnlyList<string> EjabberdStackServiceNames = ["ejabberd-a", "ejabberd-b"];

    public const string PasswordsFolder = "passwords";

    public const string ClientsFolder = "clients";

    private string Out(string name) => Path.Combine(request.OutDir, name);

    /// <summary>The logins, in the order of the dynamic-security file: operators, the aggregator, then the neurons.</summary>
    public IReadOnlyList<(string User, MqttRole Role)> Users() =>
    [
        .. Operators().Select(o => (o, MqttRole.Operator)),
        (ClusterManifest.AggregatorUser, MqttRole.Aggregator),
        .. manifest.Neurons.Select(n => (n.Id, MqttRole.Neuron)),
    ];

    /// <summary>The logins with a password: all of them, or all but the neurons with --auth certificate.</summary>
    public IReadOnlyList<(string User, MqttRole Role)> PasswordUsers() =>
        request.Auth == NeuronAuth.Password ? Users() : [.. Users().Where(u => u.Role != MqttRole.Neuron)];

    /// <summary>The neurons that get a client certificate instead of a password (all of them with --auth certificate).</summary>
    public IReadOnlyList<string> CertificateNeurons() =>
        request.Auth == NeuronAuth.Certificate ? [.. manifest.Neurons.Select(n => n.Id)] : [];

    public IReadOnlyList<string> Operators() => manifest.Operators.Count > 0 ? manifest.Operators : [ClusterManifest.DefaultOperator];

    /// <summary>The broker certificate's names: the manifest's broker hosts (each node of a cluster), the stack's service
    /// name, loopback, then --broker-host.</summary>
    public IReadOnlyList<string> BrokerNames()
    {
        var names = new List<string>();
        if (manifest.Broker is { } broker && BrokerList.TryParse(broker, out var brokers, out _))
        {
            names.AddRange(brokers.Select(b => b.Host));
        }

        names.AddRange([.. request.Broker == BrokerKind.Ejabberd ? EjabberdStackServiceNames : [StackServiceName], "localhost", "127.0.0.1", .. request.BrokerHosts]);
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<SecretOutput> Run()
    {
        var ownCa = request.CaCertificate is null;
        if (request.Broker == BrokerKind.Ejabberd)
        {
            EjabberdFiles.RequireDistinctUsers(Users().Select(u => u.User));
        }

        List<string> targets = [Out("broker.crt"), Out("broker.key"), .. BrokerFileNames().Select(Out)];
        if (ownCa)
        {
            targets.InsertRange(0, [Out("ca.crt"), Out("ca.key")]);
        }
        else if (!SamePath(request.CaCertificate!, Out("ca.crt")))
        {
            targets.Insert(0, Out("ca.crt"));
        }

        var passwordFiles = PasswordUsers().Select(u => Path.Combine(request.OutDir, PasswordsFolder, u.User)).ToList();
        var clientFiles = CertificateNeurons().SelectMany(id => new[] { ClientFile(id, ".crt"), ClientFile(id, ".key") }).ToList();
        if (!request.Force && targets.Concat(passwordFiles).Concat(clientFiles).Concat(KeptFiles().Select(Out)).FirstOrDefault(File.Exists) is { } existing)
        {
            throw new CliUsageException($"{existing} exists: refusing to overwrite an earlier run's secrets; give --force to replace them "
                + "(existing passwords in passwords/, client keys in clients/ and the operator-token are kept, so flashed Pis still log in; give --ca-cert/--ca-key to keep the CA too)");
        }

        using var authority = ownCa
            ? new Disposing(ClusterCertificates.CreateAuthority(now))
            : new Disposing(ClusterCertificates.LoadAuthority(request.CaCertificate!, request.CaKey!));
        var ca = authority.Pair;
        var notAfter = now.AddDays(request.Days);
        if (notAfter > ca.Certificate.NotAfter)
        {
            throw new CliUsageException($"--days {request.Days}: the broker certificate would outlive the CA, which expires on {ca.Certificate.NotAfter:yyyy-MM-dd}");
        }

        using var server = new Disposing(ClusterCertificates.IssueServer(ca, BrokerNames(), now.AddHours(-1), notAfter));
        var logins = PasswordUsers().Select(u => new MqttCredential(u.User, u.Role, ExistingPassword(u.User) ?? MqttCredential.NewPassword())).ToList();
        // Read now, so an unreadable kept key stops the run before anything is written.
        var clientKeys = CertificateNeurons().ToDictionary(id => id, ExistingClientKey, StringComparer.Ordinal);
        SecretFile.EnsureDirectory(request.OutDir, (UnixFileMode)0b111_101_101);
        SecretFile.EnsureDirectory(Out(PasswordsFolder), (UnixFileMode)0b111_000_000);
        var written = new List<SecretOutput>();
        if (targets.Contains(Out("ca.crt")))
        {
            Write("ca.crt", ca.CertificatePem, SecretFile.Public, $"the cluster CA: every client trusts the broker through it (public; Swarm secret {BrokerSecretPrefix}_ca_crt)");
        }

        if (ownCa)
        {
            Write("ca.key", ca.KeyPem, SecretFile.Private, "the CA's private key: keep it offline; give it back with --ca-key to renew the broker certificate");
        }

        Write("broker.crt", server.Pair.CertificatePem, SecretFile.Public, $"the broker's certificate for {string.Join(", ", BrokerNames())} (Swarm secret {BrokerSecretPrefix}_broker_crt)");
        Write("broker.key", server.Pair.KeyPem, SecretFile.Private, $"the broker's private key (Swarm secret {BrokerSecretPrefix}_broker_key)");
        foreach (var (name, text, mode, what) in BrokerFiles(logins))
        {
            Write(name, text, mode, what);
        }
        foreach (var login in logins)
        {
            var path = Path.Combine(request.OutDir, PasswordsFolder, login.User);
            var what = $"password of {login.Role.ToString().ToLowerInvariant()} '{login.User}'";
            if (File.Exists(path))
            {
                written.Add(new SecretOutput(path, what + " (kept from the earlier run)", Kept: true));
            }
            else
            {
                SecretFile.Write(path, login.Password + "\n", SecretFile.Private);
                written.Add(new SecretOutput(path, what));
            }
        }

        // Kept like a password: operators have the token in their browsers and scripts, running nodes share the cookie, and
        // the Swarm secret made from either cannot change in place.
        foreach (var (name, make, what) in KeptSecrets())
        {
            if (File.Exists(Out(name)))
            {
                written.Add(new SecretOutput(Out(name), what + " (kept from the earlier run)", Kept: true));
            }
            else
            {
                Write(name, make() + "\n", SecretFile.Private, what);
            }
        }

        if (clientKeys.Count > 0)
        {
            SecretFile.EnsureDirectory(Out(ClientsFolder), (UnixFileMode)0b111_000_000);
        }

        foreach (var (id, kept) in clientKeys)
        {
            using var key = kept;
            using var client = new Disposing(ClusterCertificates.IssueClient(ca, id, key, now.AddHours(-1), notAfter));
            SecretFile.Write(ClientFile(id, ".crt"), client.Pair.CertificatePem, SecretFile.Public);
            written.Add(new SecretOutput(ClientFile(id, ".crt"), $"client certificate of neuron '{id}' (CN={id}; logs in on the broker's certificate listener, 8884)"
                + (kept is null ? string.Empty : ", reissued for its kept key")));
            if (kept is null)
            {
                SecretFile.Write(ClientFile(id, ".key"), client.Pair.KeyPem, SecretFile.Private);
                written.Add(new SecretOutput(ClientFile(id, ".key"), $"private key of neuron '{id}'"));
            }
            else
            {
                written.Add(new SecretOutput(ClientFile(id, ".key"), $"private key of neuron '{id}' (kept from the earlier run)", Kept: true));
            }
        }

        return written;

        void Write(string name, string text, UnixFileMode mode, string what)
        {
            SecretFile.Write(Out(name), text, mode);
            written.Add(new SecretOutput(Out(name), what));
        }
    }

    // The Swarm stacks name the broker's secrets after it: stack.yml mosquitto_*, stack.ejabberd.yml ejabberd_*.
    private string BrokerSecretPrefix => request.Broker == BrokerKind.Ejabberd ? "ejabberd" : "mosquitto";

    private const string OperatorTokenWhat = "the bearer token of the aggregator's kick, fire and set (Swarm secret operator_token; the page's Operator token field)";

    /// <summary>The files that tell the broker every login and its rights, for the broker kind asked for.</summary>
    public IReadOnlyList<string> BrokerFileNames() => request.Broker == BrokerKind.Ejabberd ? EjabberdFiles.Names : [DynamicSecurityFile.FileName];

    private IEnumerable<string> KeptFiles() => KeptSecrets().Select(k => k.Name);

    private IEnumerable<(string Name, Func<string> Make, string What)> KeptSecrets() =>
    [
        (OperatorToken.FileName, OperatorToken.New, OperatorTokenWhat),
        .. request.Broker == BrokerKind.Ejabberd ? [EjabberdFiles.Cookie] : Array.Empty<(string, Func<string>, string)>(),
    ];

    private IEnumerable<(string Name, string Text, UnixFileMode Mode, string What)> BrokerFiles(IReadOnlyList<MqttCredential> logins) => request.Broker == BrokerKind.Ejabberd
        ? EjabberdFiles.Build(manifest, root, Operators(), logins)
        :
        [
            (DynamicSecurityFile.FileName, DynamicSecurityFile.Build(BrokerClients(logins), BrokerRoleList()), SecretFile.Public,
                "Mosquitto's dynamic-security file: each login (salted PBKDF2 hashes only), the client id a neuron's is pinned to, "
                + "and what each may publish and receive (Swarm secret mosquitto_dynsec)"),
        ];

    // Operators and the aggregator are not pinned to a client id: each of their logins holds several connections (tools
    // side by side; the aggregator's replicas, each with its own client id). A neuron's is pinned to its node's client id.
    private IEnumerable<BrokerClient> BrokerClients(IReadOnlyList<MqttCredential> logins)
    {
        var stored = logins.ToDictionary(l => l.User, l => DynamicSecurityPassword.Store(l.Password), StringComparer.Ordinal);
        var scheme = new TopicScheme(root);
        return
        [
            .. Operators().Select(o => new BrokerClient(o, null, stored[o], BrokerRoles.OperatorRole, "operator")),
            new BrokerClient(ClusterManifest.AggregatorUser, null, stored[ClusterManifest.AggregatorUser], BrokerRoles.AggregatorRole, "the aggregator, every replica"),
            .. manifest.Neurons.Select(n => new BrokerClient(n.Id, scheme.ClientIdOf(n.Id), stored.GetValueOrDefault(n.Id), BrokerRoles.NeuronRole(n.Id),
                $"neuron on {n.Host}" + (stored.ContainsKey(n.Id) ? string.Empty : ", logs in with its certificate"))),
        ];
    }

    private IEnumerable<BrokerRole> BrokerRoleList() =>
        [BrokerRoles.Operator(manifest, root), BrokerRoles.Aggregator(root), .. manifest.Neurons.Select(n => BrokerRoles.Neuron(manifest, root, n))];

    private string? ExistingPassword(string user)
    {
        var path = Path.Combine(request.OutDir, PasswordsFolder, user);
        if (!File.Exists(path))
        {
            return null;
        }

        // The first line, as the node and flash read it.
        var password = File.ReadLines(path).FirstOrDefault();
        return string.IsNullOrEmpty(password)
            ? throw new CliUsageException($"{path}: the first line must be the password; delete the file to get a new one")
            : password;
    }

    private string ClientFile(string neuronId, string extension) => Path.Combine(request.OutDir, ClientsFolder, neuronId + extension);

    // With --force the key stays, so the Pi that holds it needs only the new certificate.
    private ECDsa? ExistingClientKey(string neuronId)
    {
        var path = ClientFile(neuronId, ".key");
        if (!File.Exists(path))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new CliUsageException($"{path}: cannot read it as the EC private key (PEM) of neuron '{neuronId}': {ex.Message}; delete it (and {Path.ChangeExtension(path, ".crt")}) to get a new one");
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private sealed class Disposing(PemPair pair) : IDisposable
    {
        public PemPair Pair { get; } = pair;

        public void Dispose() => Pair.Certificate.Dispose();
    }
}
