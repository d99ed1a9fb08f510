using System.Net;
using System.Net.Sockets;
using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>What the CLI says and how it ends when the broker misbehaves: a listener that never answers, a
/// connection taken over. Every command ends within its --timeout and says what happened in plain words.</summary>
public sealed class BrokerTroubleTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // How long a test waits for the CLI at most; far above the --timeout 1 it is given, so only a hang fails it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("kick", "x")]
    [InlineData("fire", "x")]
    [InlineData("query", "x")]
    [InlineData("set", "x", "threshold=1")]
    [InlineData("status")]
    [InlineData("watch")]
    public async Task ListenerThatNeverAnswersConnect_EndsAfterTimeoutSayingSo(params string[] args)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var accepted = new SilentPeers(silent);

        var result = await CliRun.RunAsync([.. args, "--broker", $"mqtt://127.0.0.1:{port}", "--timeout", "1"]).WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.BrokerUnreachable, result.ToString());
        Assert.Equal(
            $"cannot reach the broker at mqtt://127.0.0.1:{port}: no answer within 1 s; is it an MQTT broker, and reachable from here? Set --broker or PINEURONS_BROKER",
            result.Error.Trim());
    }

    [Fact]
    public async Task Apply_ListenerThatNeverAnswersConnect_EndsAfterTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var accepted = new SilentPeers(silent);
        var manifest = Path.Combine(Directory.CreateTempSubdirectory("pineurons-trouble-").FullName, "m.yaml");
        await File.WriteAllTextAsync(manifest, "version: 1\nhosts:\n  pi-a:\n    neurons:\n      a: {}\n");

        var result = await CliRun.RunAsync("apply", "--manifest", manifest, "--broker", $"mqtt://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", "--timeout", "1")
            .WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.BrokerUnreachable, result.ToString());
        Assert.Contains("no answer within 1 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_TlsToAPlainPort_SaysToUseMqtt()
    {
        var ca = TestCertificates.CreateCa(Directory.CreateTempSubdirectory("pineurons-trouble-ca-").FullName).CaFile;

        var result = await CliRun.RunAsync("kick", "x", "--broker", $"mqtts://127.0.0.1:{fixture.Broker.Port}", "--ca-file", ca, "--timeout", "5").WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.BrokerUnreachable, result.ToString());
        Assert.EndsWith($"if it is a plain MQTT port, use mqtt://127.0.0.1:{fixture.Broker.Port}", result.Error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AnotherClientWithTheSameLoginTakesItOver_SaysSoAndExitsLoginRefused()
    {
        // A listener that makes the client id the user name (the certificate listener does): one connection per login.
        var (broker, password) = await LoginBrokerAsync("operator", _ => ["use_username_as_clientid true"]);
        await using var _ = broker;
        var (exit, _, error) = CliRun.Start("watch", "--broker", broker.Url, "--username", "operator", "--password-file", password);
        await error.WaitForAsync("watching");

        await using var second = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, b => b.WithCredentials("operator", "pw"));

        var code = await exit.WaitAsync(Patience);
        Assert.True(code == ExitCodes.LoginRefused, $"exit {code}: {error.Text}");
        Assert.Contains(
            "ended this connection and still accepts others: another client logged in as 'operator' took it over (a broker that makes the client id the user name allows one connection per login)",
            error.Text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Is it running", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_LoginThatMayNotPublishThere_SaysTheBrokerRefusedItAndExitsLoginRefused()
    {
        var (broker, password) = await LoginBrokerAsync("viewer", dir =>
        {
            var acl = Path.Combine(dir, "acl");
            File.WriteAllText(acl, "user viewer\ntopic read pineurons/#\ntopic readwrite pineurons-replies/#\n");
            return [$"acl_file {acl}"];
        });
        await using var _ = broker;

        var result = await CliRun.RunAsync("kick", "x", "--force", "--broker", broker.Url, "--username", "viewer", "--password-file", password).WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.LoginRefused, result.ToString());
        Assert.Equal(
            $"broker {broker.Url} refused the publication on pineurons/x/kick (NotAuthorized): the login 'viewer' may not publish there; check the broker's access rules",
            result.Error.Trim());
        Assert.Empty(result.Output);
    }

    // A Mosquitto that takes one login, user/"pw", and the config lines extraConfig writes (given its folder); and the
    // file holding the password, for --password-file.
    private static async Task<(MosquittoBroker Broker, string PasswordFile)> LoginBrokerAsync(string user, Func<string, string[]> extraConfig)
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-trouble-login-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password file.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            PasswordFile = MosquittoBroker.CreatePasswordFile(dir, user, "pw"),
            ExtraConfig = extraConfig(dir),
        });
        var password = Path.Combine(dir, user + ".pw");
        await File.WriteAllTextAsync(password, "pw\n");
        return (broker, password);
    }

    /// <summary>Accepts connections and never answers them, as a hung broker or another service on the port would.</summary>
    private sealed class SilentPeers : IDisposable
    {
        private readonly List<TcpClient> _peers = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentPeers(TcpListener listener) => _ = AcceptAsync(listener);

        public void Dispose()
        {
            _stop.Cancel();
            lock (_peers)
            {
                _peers.ForEach(p => p.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync(TcpListener listener)
        {
            try
            {
                while (true)
                {
                    var peer = await listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_peers)
                    {
                        _peers.Add(peer);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
