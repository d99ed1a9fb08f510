using PiNeurons.Core;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PiNeurons.Cli.Secrets;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary><c>pineurons secrets --auth certificate</c>: a client certificate per neuron instead of a password.</summary>
public sealed class CertificateSecretsTests : IDisposable
{
    private static readonly string[] Neurons = ["x", "y", "h1", "h2", "h3", "z"];
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Secrets_AuthCertificate_WritesEachNeuronACertificateAndKeyWithTheirModes()
    {
        var result = await _out.RunAsync("--auth", "certificate");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var expected = new Dictionary<string, string> { ["clients"] = "700", ["passwords"] = "700" };
        foreach (var id in Neurons)
        {
            expected[$"clients/{id}.crt"] = "644";
            expected[$"clients/{id}.key"] = "600";
        }

        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => Mode(_out.PathOf(k))));
        Assert.Equal(12, Directory.GetFiles(_out.PathOf("clients")).Length);
        Assert.Contains("each neuron logs in with its certificate (user = its CN = the neuron id) on the broker's 8884", result.Output, StringComparison.Ordinal);
        Assert.Contains($"pineurons flash --manifest M --all --secrets {_out.Dir}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_AuthCertificate_EachCertificateIsTheNeuronsClientIdentityChainedToTheCa()
    {
        await _out.RunAsync("--auth", "certificate");
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_out.PathOf("ca.crt")));

        foreach (var id in Neurons)
        {
            using var certificate = X509Certificate2.CreateFromPemFile(_out.PathOf($"clients/{id}.crt"), _out.PathOf($"clients/{id}.key"));
            Assert.Equal($"CN={id}", certificate.Subject);
            Assert.True(certificate.HasPrivateKey);
            Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, certificate.GetECDsaPublicKey()!.ExportParameters(false).Curve.Oid.Value);
            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>();
            Assert.Equal(["1.3.6.1.5.5.7.3.2"], usages.Select(o => o.Value));
            Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, SecretsCommand.DefaultDays, SecretsCommand.DefaultDays + 1);

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
            Assert.True(chain.Build(certificate), $"{id}: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation))}");
        }
    }

    [Fact]
    public async Task Secrets_AuthCertificate_NeuronsHaveNoPasswordButThePasswordModesPinsAndRoles()
    {
        await _out.RunAsync("--auth", "certificate");
        using var passwordMode = new SecretsOutput();
        await passwordMode.RunAsync();

        // A certificate login finds its client, and so its role, by the CN; the password fields are what goes.
        var clients = _out.Clients();
        Assert.Equal(["operator", "aggregator"], clients.Where(c => c["password"] is not null).Select(c => c["username"]!.GetValue<string>()));
        Assert.All(clients.Where(c => c["password"] is null), c => Assert.True(c["salt"] is null && c["iterations"] is null));
        Assert.Equal(["aggregator", "operator"], Directory.GetFiles(_out.PathOf("passwords")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(passwordMode.DynamicSecurity()["roles"]!.ToJsonString(), _out.DynamicSecurity()["roles"]!.ToJsonString());
        Assert.Equal(WithoutPasswords(passwordMode.Clients()), WithoutPasswords(clients));
    }

    [Fact]
    public async Task Secrets_AuthCertificateAgainWithForce_KeepsEachKeyAndReissuesItsCertificate()
    {
        await _out.RunAsync("--auth", "certificate");
        var key = await File.ReadAllTextAsync(_out.PathOf("clients/h1.key"));
        var certificate = await File.ReadAllTextAsync(_out.PathOf("clients/h1.crt"));

        var without = await _out.RunAsync("--auth", "certificate", "--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"));
        var again = await _out.RunAsync("--auth", "certificate", "--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"), "--force", "--days", "30");

        Assert.Equal(ExitCodes.Usage, without.ExitCode);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(key, await File.ReadAllTextAsync(_out.PathOf("clients/h1.key")));
        Assert.NotEqual(certificate, await File.ReadAllTextAsync(_out.PathOf("clients/h1.crt")));
        Assert.Contains($"kept  {_out.PathOf("clients/h1.key")}", again.Output, StringComparison.Ordinal);
        using var reissued = X509Certificate2.CreateFromPemFile(_out.PathOf("clients/h1.crt"), _out.PathOf("clients/h1.key"));
        Assert.InRange((reissued.NotAfter - reissued.NotBefore).TotalDays, 30, 31);
    }

    [Fact]
    public async Task Secrets_AuthCertificateForceWithAnUnreadableKey_ExitsUsageNamingItAndTheFix()
    {
        await _out.RunAsync("--auth", "certificate");
        await File.WriteAllTextAsync(_out.PathOf("clients/h2.key"), "not a key\n");

        var again = await _out.RunAsync("--auth", "certificate", "--force");

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.StartsWith($"{_out.PathOf("clients/h2.key")}: cannot read it as the EC private key (PEM) of neuron 'h2'", again.Error, StringComparison.Ordinal);
        Assert.Contains("delete it", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_Help_ExplainsCertificates()
    {
        var result = await Commands.CliRun.RunAsync("secrets", "--help");

        foreach (var text in new[] { "--auth certificate", "clients/<id>.crt", "clients/<id>.key", "--cert-dir", "reissued" })
        {
            Assert.Contains(text, result.Output, StringComparison.Ordinal);
        }
    }

    // Each client as JSON without its password fields, and without its textname, which says how it logs in.
    private static string[] WithoutPasswords(IEnumerable<System.Text.Json.Nodes.JsonNode> clients) =>
    [
        .. clients.Select(c =>
        {
            var copy = c.DeepClone().AsObject();
            foreach (var key in new[] { "password", "salt", "iterations", "textname" })
            {
                copy.Remove(key);
            }

            return copy.ToJsonString();
        }),
    ];

    private static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
