using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PiNeurons.Deploy.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// firmware-config/mosquitto.conf: the settings it must keep, and a real Mosquitto started on a copy
/// of it (only the listeners, the plugin, its file, the certificates and the persistence directory moved
/// to the test's own places), which proves the file parses and does what it says.
/// </summary>
public sealed class MosquittoConfigTests
{
    private const string FileName = "firmware-config/mosquitto.conf";
    private const string User = "aggregator";
    private const string Password = "s3cret-for-test";

    /// <summary>A login pinned to its client id, as a neuron's is.</summary>
    private const string Pinned = "h1";

    private static string Committed() => RepoRoot.ReadAllText(FileName);

    public static TheoryData<string, string, string> Breakages => new()
    {
        { nameof(MosquittoRules.RequiredSettings), "set_tcp_nodelay true", "set_tcp_nodelay false" },
        { nameof(MosquittoRules.RequiredSettings), "set_tcp_nodelay true", "" },
        { nameof(MosquittoRules.RequiredSettings), "allow_anonymous false", "allow_anonymous true" },
        { nameof(MosquittoRules.RequiredSettings), "per_listener_settings false", "per_listener_settings true" },
        { nameof(MosquittoRules.RequiredSettings), "persistence true", "persistence false" },
        { nameof(MosquittoRules.RequiredSettings), "listener 8883", "" },
        // The dynamic-security plugin, on the generated file, and nothing beside it.
        { nameof(MosquittoRules.RequiredSettings), Plugin, "" },
        { nameof(MosquittoRules.RequiredSettings), Plugin, "plugin /usr/lib/mosquitto_other.so" },
        { nameof(MosquittoRules.RequiredSettings), PluginFile, "" },
        { nameof(MosquittoRules.RequiredSettings), PluginFile, "plugin_opt_config_file /tmp/dynamic-security.json" },
        { nameof(MosquittoRules.RequiredSettings), $"{Plugin}\n{PluginFile}", $"{PluginFile}\n{Plugin}" },
        { nameof(MosquittoRules.RequiredSettings), "allow_anonymous false", "allow_anonymous false\npassword_file /run/secrets/mosquitto_passwd" },
        { nameof(MosquittoRules.RequiredSettings), "allow_anonymous false", "allow_anonymous false\nacl_file /run/secrets/mosquitto_acl" },
        // use_username_as_clientid is a listener setting: needed under the certificate listener, a loss under the others.
        { nameof(MosquittoRules.RequiredSettings), "use_username_as_clientid true", "use_username_as_clientid false" },
        { nameof(MosquittoRules.RequiredSettings), "use_identity_as_username true\nuse_username_as_clientid true", "use_identity_as_username true" },
        { nameof(MosquittoRules.RequiredSettings), "require_certificate false", "require_certificate false\nuse_username_as_clientid true" },
        { nameof(MosquittoRules.RequiredSettings), "listener 1883", "listener 1883\nuse_username_as_clientid true" },
        // The certificate listener (pineurons secrets --auth certificate).
        { nameof(MosquittoRules.RequiredSettings), "listener 8884", "" },
        { nameof(MosquittoRules.RequiredSettings), "use_identity_as_username true", "" },
        { nameof(MosquittoRules.RequiredSettings), "use_identity_as_username true", "use_identity_as_username false" },
        { nameof(MosquittoRules.RequiredSettings), "require_certificate true", "require_certificate false" },
        { nameof(MosquittoRules.RequiredSettings), "require_certificate true", "" },
        { nameof(MosquittoRules.RequiredSettings), "certfile /run/secrets/mosquitto_broker_crt", "" },
        { nameof(MosquittoRules.RequiredSettings), "keyfile /run/secrets/mosquitto_broker_key", "keyfile /tmp/key.pem" },
        { nameof(MosquittoRules.RequiredSettings), "cafile /run/secrets/mosquitto_ca_crt", "" },
        { nameof(MosquittoRules.RequiredSettings), "tls_version tlsv1.2", "tls_version tlsv1.1" },
        { nameof(MosquittoRules.RequiredSettings), "require_certificate false", "" },
        { nameof(MosquittoRules.RequiredSettings), "log_dest stdout", "log_dest syslog" },
        { nameof(MosquittoRules.QueuesHoldAnOutage), "max_queued_messages 120000", "max_queued_messages 1000" },
        { nameof(MosquittoRules.QueuesHoldAnOutage), "max_queued_messages 120000", "max_queued_messages 0" },
        { nameof(MosquittoRules.QueuesHoldAnOutage), "max_packet_size 262144", "" },
        { nameof(MosquittoRules.QueuesHoldAnOutage), "max_packet_size 262144", "max_packet_size 65536" },
        { nameof(MosquittoRules.QueuesHoldAnOutage), "max_inflight_messages 100", "" },
    };

    [Fact]
    public void CommittedConfig_HasTheRequiredSettings() =>
        Problems.AssertNone(FileName, MosquittoRules.RequiredSettings(MosquittoConfig.Parse(Committed())));

    [Fact]
    public void CommittedConfig_QueuesHoldAnOutageAndPacketsHaveHeadroom() =>
        Problems.AssertNone(FileName, MosquittoRules.QueuesHoldAnOutage(MosquittoConfig.Parse(Committed())));

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Rule_FailsOnAConfigThatBreaksIt(string rule, string find, string replaceWith)
    {
        var text = Committed();
        Assert.Contains(find, text, StringComparison.Ordinal);
        var broken = MosquittoConfig.Parse(text.Replace(find, replaceWith, StringComparison.Ordinal));

        var problems = rule switch
        {
            nameof(MosquittoRules.RequiredSettings) => MosquittoRules.RequiredSettings(broken),
            nameof(MosquittoRules.QueuesHoldAnOutage) => MosquittoRules.QueuesHoldAnOutage(broken),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown rule"),
        };

        Assert.NotEmpty(problems);
    }

    [Fact]
    public async Task CommittedConfig_RealMosquitto_AcceptsOnlyTheLoginsOfTheDynamicSecurityFileAndKeepsRetainedAcrossRestart()
    {
        using var place = new TempPlace();
        var port = FreePort.Pick();
        var config = place.WriteConfig(Rewrite(Committed(), port, place));

        await using (var broker = MosquittoBroker.StartOnConfig(config, port))
        {
            await broker.WaitUntilListeningAsync();

            Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(port, User, Password, retain: "kept"));
            Assert.Contains(await ConnectAsync(port, User, "wrong"), Refusals);
            Assert.Contains(await ConnectAsync(port, username: null, password: null), Refusals);

            await broker.StopAsync();
            Assert.True(File.Exists(Path.Combine(place.Data, "mosquitto.db")),
                $"no mosquitto.db in the persistence_location after SIGTERM. mosquitto log:\n{broker.Log}");
        }

        await using (var again = MosquittoBroker.StartOnConfig(config, port))
        {
            await again.WaitUntilListeningAsync();
            await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", port, b => b.WithCredentials(User, Password), RetainedTopic);

            var retained = await probe.WaitForAsync(RetainedTopic, "kept");
            Assert.True(retained.Retain, $"the message came back, but not as retained. mosquitto log:\n{again.Log}");
        }
    }

    [Fact]
    public async Task CommittedConfig_RealMosquitto_PasswordLoginsKeepTheirClientIdsAndTheCertificateListenerMakesItTheCn()
    {
        using var place = new TempPlace();
        var (passwords, certificates) = (FreePort.Pick(), FreePort.Pick());
        var config = place.WriteConfig(Rewrite(Committed(), FreePort.Pick(), place, passwords, certificates));
        await using var broker = MosquittoBroker.StartOnConfig(config, certificates);
        await broker.WaitUntilListeningAsync();
        var timeout = TimeSpan.FromSeconds(10);

        // 8883, password logins: a login pinned to no client id holds two connections at once. The first still
        // receives what the second publishes after connecting, so the second did not take it over.
        using var first = await ConnectTlsAsync(passwords, "first", place, User, certificate: null);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.ApplicationMessageReceivedAsync += _ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        };
        await first.SubscribeAsync(RetainedTopic, MqttQualityOfServiceLevel.AtLeastOnce);
        using var second = await ConnectTlsAsync(passwords, "second", place, User, certificate: null);
        await second.PublishStringAsync(RetainedTopic, "from second", MqttQualityOfServiceLevel.AtLeastOnce);
        await heard.Task.WaitAsync(timeout);
        Assert.True(first.IsConnected && second.IsConnected);

        // 8883: a login pinned to a client id gets in with that id only.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectTlsAsync(passwords, "first", place, Pinned, certificate: null));
        Assert.Contains(nameof(MqttClientConnectResultCode.NotAuthorized), refused.Message, StringComparison.Ordinal);
        using (var pinned = await ConnectTlsAsync(passwords, Pinned, place, Pinned, certificate: null))
        {
            Assert.True(pinned.IsConnected);
        }

        // 8884, certificate logins: no password, the CN (the user of the password logins above) is the user name and,
        // whatever the client asks for, the client id: a password connection that holds that id is taken over.
        using var byId = await ConnectTlsAsync(passwords, User, place, User, certificate: null);
        var byIdDropped = Dropped(byId);
        using var third = await ConnectTlsAsync(certificates, "third", place, user: null, place.ClientCertificate);
        await byIdDropped.WaitAsync(timeout);
        Assert.True(third.IsConnected && first.IsConnected);

        // 8884 without a certificate: refused, even with the right password.
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectTlsAsync(certificates, "fourth", place, User, certificate: null));
    }

    [Fact]
    public async Task CommittedConfig_RealMosquittoWithoutItsDynamicSecurityFile_RunsRefusingEveryLoginAndTheStacksHealthcheckFails()
    {
        using var place = new TempPlace();
        var port = FreePort.Pick();
        var config = place.WriteConfig(Rewrite(Committed(), port, place));
        var healthcheck = StackHealthcheck(port, place);

        await using (var broker = MosquittoBroker.StartOnConfig(config, port))
        {
            await broker.WaitUntilListeningAsync();
            Assert.Equal(0, await ShellAsync(healthcheck));
        }

        File.Delete(place.DynamicSecurityFile);
        await using (var broker = MosquittoBroker.StartOnConfig(config, port))
        {
            await broker.WaitUntilListeningAsync();

            Assert.Contains(await ConnectAsync(port, User, Password), Refusals);
            Assert.NotEqual(0, await ShellAsync(healthcheck));
            Assert.True(broker.IsRunning, $"mosquitto exited. log:\n{broker.Log}");
        }
    }

    [Fact]
    public async Task ConfigWithAnUnknownSetting_RealMosquitto_RefusesToStart()
    {
        // The start above proves the committed file parses only if Mosquitto rejects what it cannot parse.
        using var place = new TempPlace();
        var port = FreePort.Pick();
        var config = place.WriteConfig(Rewrite(Committed(), port, place) + "\nmax_queued_mesages 5\n");

        await using var broker = MosquittoBroker.StartOnConfig(config, port);

        // A broker that keeps running fails here, the message carrying its log.
        Assert.NotEqual(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("max_queued_mesages", broker.Log, StringComparison.Ordinal);
    }

    /// <summary>What Mosquitto answers a bad login with (MQTT 5 reason codes 0x86, 0x87).</summary>
    private static readonly MqttClientConnectResultCode[] Refusals =
        [MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized];

    private const string RetainedTopic = "pineurons/deploy-test/state";

    private const string Plugin = "plugin /usr/lib/mosquitto_dynamic_security.so";
    private const string PluginFile = "plugin_opt_config_file /run/secrets/mosquitto_dynsec";

    /// <summary>The mosquitto service's healthcheck of deploy/swarm/stack.yml, for a shell here: its port and the secret
    /// it reads moved to the test's (each must be there once, or the test would check something else).</summary>
    private static string StackHealthcheck(int port, TempPlace place)
    {
        var test = YamlToJson.Convert(RepoRoot.ReadAllText("deploy/swarm/stack.yml"))["services"]![StackRules.Mosquitto]!["healthcheck"]!["test"]!.AsArray();
        Assert.Equal("CMD-SHELL", test[0]!.ToString());
        // Compose turns $$ into $.
        var command = test[1]!.ToString().Replace("$$", "$", StringComparison.Ordinal);
        foreach (var (find, with) in new[] { (" -p 1883 ", $" -p {port} "), ("/run/secrets/aggregator_mqtt_password", place.PasswordFile) })
        {
            Assert.True(command.Split(find).Length == 2, $"the healthcheck must have '{find}' once: {command}");
            command = command.Replace(find, with, StringComparison.Ordinal);
        }

        return command;
    }

    private static async Task<int> ShellAsync(string command) =>
        (await ChildProcess.RunAsync("sh", ["-c", command], TimeSpan.FromSeconds(30))).ExitCode;

    /// <summary>The committed file with its ports, files and folder moved to the test's own; each line must be
    /// there as often as expected (the TLS files once per TLS listener), so a renamed setting fails here
    /// instead of being tested under the test's own value.</summary>
    private static string Rewrite(string text, int port, TempPlace place, int? passwordTls = null, int? certificateTls = null)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        Replace("listener 1883", $"listener {port} 127.0.0.1");
        Replace(Plugin, $"plugin {MosquittoPlugins.DynamicSecurity()}");
        Replace(PluginFile, $"plugin_opt_config_file {place.DynamicSecurityFile}");
        Replace("persistence_location /mosquitto/data/", $"persistence_location {place.Data}/");
        Replace("listener 8883", $"listener {passwordTls ?? FreePort.Pick()} 127.0.0.1");
        Replace("listener 8884", $"listener {certificateTls ?? FreePort.Pick()} 127.0.0.1");
        Replace("cafile /run/secrets/mosquitto_ca_crt", $"cafile {place.Ca}", times: 2);
        Replace("certfile /run/secrets/mosquitto_broker_crt", $"certfile {place.Certificate}", times: 2);
        Replace("keyfile /run/secrets/mosquitto_broker_key", $"keyfile {place.Key}", times: 2);
        // Mosquitto reads the key after dropping root for its own user; the test's key belongs to the test's user.
        lines = [.. lines, $"user {Environment.UserName}"];
        return string.Join('\n', lines);

        void Replace(string line, string with, int times = 1)
        {
            var at = lines.Select((l, i) => (l, i)).Where(x => x.l.Trim() == line).Select(x => x.i).ToArray();
            Assert.True(at.Length == times, $"{FileName} must have the line '{line}' {times} time(s); found {at.Length}.");
            foreach (var i in at)
            {
                lines[i] = with;
            }
        }
    }

    /// <summary>A TLS connection trusting the test's CA, as <paramref name="clientId"/>, presenting <paramref name="certificate"/> if any;
    /// an <see cref="InvalidOperationException"/> naming the broker's reason code when it refuses the login.</summary>
    private static async Task<IMqttClient> ConnectTlsAsync(int port, string clientId, TempPlace place, string? user, X509Certificate2? certificate)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(o =>
            {
                o.UseTls().WithTargetHost("localhost").WithTrustChain([place.CaCertificate]);
                if (certificate is not null)
                {
                    o.WithClientCertificates([certificate]);
                }
            });
        if (user is not null)
        {
            options.WithCredentials(user, Password);
        }

        try
        {
            var result = await client.ConnectAsync(options.Build(), CancellationToken.None);
            return result.ResultCode == MqttClientConnectResultCode.Success
                ? client
                : throw new InvalidOperationException($"login refused: {result.ResultCode}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Completes when <paramref name="client"/> is disconnected.</summary>
    private static Task Dropped(IMqttClient client)
    {
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };
        return dropped.Task;
    }

    private static async Task<MqttClientConnectResultCode> ConnectAsync(int port, string? username, string? password, string? retain = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        // A refusal surfaces as an exception; the broker's reason code comes with the disconnect event.
        MqttClientConnectResultCode? refusal = null;
        client.DisconnectedAsync += e =>
        {
            refusal ??= e.ConnectResult?.ResultCode;
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
        {
            options.WithCredentials(username, password);
        }

        try
        {
            var result = await client.ConnectAsync(options.Build(), CancellationToken.None);
            if (result.ResultCode == MqttClientConnectResultCode.Success && retain is not null)
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(RetainedTopic)
                    .WithPayload(retain)
                    .WithRetainFlag()
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await client.PublishAsync(message, CancellationToken.None);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }

            return result.ResultCode;
        }
        catch (MqttConnectingFailedException)
        {
            return refusal ?? MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    /// <summary>A temp folder Mosquitto can use after it drops root for its own user: the folder and
    /// the dynamic-security file readable, the persistence folder writable.</summary>
    private sealed class TempPlace : IDisposable
    {
        public TempPlace()
        {
            Root = Directory.CreateTempSubdirectory("pineurons-mosquitto-conf-").FullName;
            Data = Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
                File.SetUnixFileMode(Data, (UnixFileMode)0b111_111_111);
            }

            DynamicSecurityFile = Path.Combine(Root, "dynamic-security.json");
            DynamicSecurityTestFile.Write(DynamicSecurityFile, Password, "pineurons/#", (User, null), (Pinned, Pinned));
            // The password as a Swarm secret holds it, for the stack's healthcheck.
            PasswordFile = Path.Combine(Root, "password");
            File.WriteAllText(PasswordFile, Password + "\n");
            // A CA, the broker's certificate (the TLS listeners must load one to start) and a client
            // certificate with CN = the unpinned user, for the certificate listener.
            var certificates = TestCertificates.CreateCa(Root);
            CaCertificate = certificates.Ca;
            Ca = certificates.CaFile;
            (Certificate, Key) = certificates.Issue("broker", ["localhost", "127.0.0.1"]);
            var (clientCertificate, clientKey) = certificates.Issue("client", [User], server: false);
            ClientCertificate = X509Certificate2.CreateFromPemFile(clientCertificate, clientKey);
        }

        public string DynamicSecurityFile { get; }

        public string Ca { get; }

        public X509Certificate2 CaCertificate { get; }

        /// <summary>Signed by <see cref="Ca"/>, CN = the unpinned user.</summary>
        public X509Certificate2 ClientCertificate { get; }

        public string Certificate { get; }

        public string Key { get; }

        public string Root { get; }

        public string Data { get; }

        /// <summary>The users' password on one line.</summary>
        public string PasswordFile { get; }

        public string WriteConfig(string text)
        {
            var path = Path.Combine(Root, "mosquitto.conf");
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose()
        {
            CaCertificate.Dispose();
            ClientCertificate.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
