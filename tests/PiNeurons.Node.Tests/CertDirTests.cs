using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// <c>--cert-dir</c>: each hosted neuron presents its own client certificate (DIR/&lt;id&gt;.crt and .key, CN = the
/// neuron id) and no password, on a Mosquitto listener that takes the CN as the user name
/// (use_identity_as_username). The broker has an ACL, so a neuron logged in as anyone but itself could not
/// publish its own status.
/// </summary>
public sealed class CertDirTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-certdir-").FullName;
    private MosquittoBroker _broker = null!;
    private TestCertificates _cluster = null!;
    private int _certificatePort;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading its files.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        var acl = Path.Combine(_dir, "acl");
        await File.WriteAllTextAsync(acl, "user a\ntopic readwrite pineurons/a/#\n\nuser b\ntopic readwrite pineurons/b/#\n\nuser op\ntopic read pineurons/#\n");
        _cluster = TestCertificates.CreateCa(_dir);
        _certificatePort = FreePort.Pick();
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, "op", "secret-of-op"),
            ExtraConfig =
            [
                $"acl_file {acl}",
                .. _cluster.Listener(_certificatePort, _cluster.Issue("broker", ["127.0.0.1"]), requireCertificate: true),
                "use_username_as_clientid true",
            ],
        });
        await FreePort.WaitUntilListeningAsync(_certificatePort, TimeSpan.FromSeconds(10), () => _broker.Log);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Broker => $"mqtts://127.0.0.1:{_certificatePort}";

    [Fact]
    public async Task Node_CertDirForTwoNeurons_EachLogsInWithItsCertificateAndComesOnline()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("op", "secret-of-op"), "pineurons/+/status");

        await using var node = NodeProcess.Start("--neurons", "a,b", "--broker", Broker, "--ca-file", _cluster.CaFile, "--cert-dir", CertDir("a", "b"));

        await probe.WaitForAsync("pineurons/a/status", "online");
        await probe.WaitForAsync("pineurons/b/status", "online");
    }

    [Fact]
    public async Task Node_CertDirWithPasswordDir_ExitsTwoNamingBoth()
    {
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a", "--broker", Broker, "--cert-dir", CertDir("a"), "--password-dir", _dir);

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("--cert-dir excludes --password-dir", node.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--username")]
    [InlineData("--password-file")]
    [InlineData("--cert-file")]
    [InlineData("--key-file")]
    public void Plan_CertDirWithAnotherLogin_RefusedNamingBoth(string option)
    {
        var options = Options(CertDir("a"));
        _ = option switch
        {
            "--username" => options.Username = "a",
            "--password-file" => options.PasswordFile = Path.Combine(_dir, "pw"),
            "--cert-file" => options.CertFile = Path.Combine(_dir, "a.crt"),
            _ => options.KeyFile = Path.Combine(_dir, "a.key"),
        };

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(options));

        Assert.StartsWith($"--cert-dir excludes {option}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CertDirWithAPlainBroker_RefusedSayingUseTheCertificateListener()
    {
        var options = Options(CertDir("a"));
        options.Broker = "mqtt://127.0.0.1:1883";

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(options));

        Assert.Contains("--cert-dir: client certificates go over TLS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mqtts://host:8884", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CertDirMissingANeuronsKey_NamesTheNeuronThePathAndTheFix()
    {
        var dir = CertDir("a", "b");
        File.Delete(Path.Combine(dir, "b.key"));

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(Options(dir, "a,b")));

        Assert.Equal($"--cert-dir: {Path.Combine(dir, "b.key")}, the private key of neuron b, is missing: copy clients/<id>.crt and clients/<id>.key "
            + "of one `pineurons secrets --auth certificate` run here.", ex.Message);
    }

    [Fact]
    public void Plan_CertDirWithAnotherNeuronsKey_SaysTheyAreNotAPair()
    {
        var dir = CertDir("a", "b");
        File.Copy(Path.Combine(dir, "b.key"), Path.Combine(dir, "a.key"), overwrite: true);

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(Options(dir, "a,b")));

        Assert.StartsWith($"--cert-dir: {Path.Combine(dir, "a.key")} is not the key of {Path.Combine(dir, "a.crt")} (neuron a;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CertDirWithAnotherNeuronsPair_SaysWhoTheBrokerWouldSee()
    {
        var dir = CertDir("a", "b");
        File.Copy(Path.Combine(dir, "b.key"), Path.Combine(dir, "a.key"), overwrite: true);
        File.Copy(Path.Combine(dir, "b.crt"), Path.Combine(dir, "a.crt"), overwrite: true);

        var ex = Assert.Throws<NodeConfigurationException>(() => Plan(Options(dir, "a,b")));

        Assert.StartsWith($"--cert-dir: {Path.Combine(dir, "a.crt")} is issued to CN=b, not to neuron a: the broker would log neuron a in as 'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CertDir_GivesEachNeuronItsOwnCertificateAndNoPassword()
    {
        var plan = Plan(Options(CertDir("a", "b"), "a,b"));

        Assert.Equal("CN=a", plan.TlsFor("a")!.ClientCertificate!.Subject);
        Assert.Equal("CN=b", plan.TlsFor("b")!.ClientCertificate!.Subject);
        Assert.NotNull(plan.TlsFor("a")!.CaCertificate);
        Assert.Null(plan.CredentialsFor("a"));
    }

    private NodeOptions Options(string certDir, string neurons = "a") => new()
    {
        Neurons = neurons,
        Broker = Broker,
        CaFile = _cluster.CaFile,
        CertDir = certDir,
        StateDir = Path.Combine(_dir, "state"),
    };

    private static NodePlan Plan(NodeOptions options) => NodePlanner.Create(options, hostname: "test", stateDirectoryEnv: null);

    // A folder laid out as clients/ of pineurons secrets --auth certificate: <id>.crt and <id>.key, CN = id.
    private string CertDir(params string[] neurons)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var neuron in neurons)
        {
            var (certificate, key) = _cluster.Issue(neuron, [neuron], server: false);
            File.Move(certificate, Path.Combine(dir, neuron + ".crt"));
            File.Move(key, Path.Combine(dir, neuron + ".key"));
        }

        return dir;
    }
}
