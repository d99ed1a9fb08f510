using PiNeurons.Mqtt;
using System.CommandLine;
using System.Text.RegularExpressions;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>A checked <c>flash</c> command line: every problem is a usage error (exit 2) before anything is written.</summary>
internal sealed partial class FlashRequest
{
    public required IReadOnlyList<NodeBootSettings> Nodes { get; init; }

    public required WifiSettings? Wifi { get; init; }

    public required string? BundleFolder { get; init; }

    public required string? OutFolder { get; init; }

    public required string? Image { get; init; }

    public required bool All { get; init; }

    /// <summary>What will not work with the shipped broker, said before the files are written.</summary>
    public IReadOnlyList<BrokerProblem> Warnings { get; init; } = [];

    /// <summary>Reads and checks the command line; <paramref name="prompt"/> asks for the Wi-Fi password when no file gives it.</summary>
    public static FlashRequest From(ParseResult parse, FlashOptions o, Func<string, string> prompt)
    {
        if (parse.GetValue(o.WifiPassword) is not null)
        {
            throw new CliUsageException("--wifi-password is refused: a password on the command line stays in shell history and in ps; "
                + "give --wifi-password-file FILE, or leave it out to be asked without echo");
        }

        if (parse.GetValue(o.MqttPassword) is not null)
        {
            throw new CliUsageException("--mqtt-password is refused: a password on the command line stays in shell history and in ps; "
                + "give --mqtt-password-file FILE (one node), --mqtt-password-dir DIR (a file per host) or --secrets DIR (a file per neuron, from pineurons secrets)");
        }

        var manifestPath = parse.GetValue(o.Manifest)!;
        var manifestText = ReadManifest(manifestPath);
        var manifest = ParseManifest(manifestText, manifestPath);
        var all = parse.GetValue(o.All);
        var hosts = SelectHosts(manifest, parse.GetValue(o.Node), all, manifestPath);

        var outFolder = parse.GetValue(o.Out);
        var image = parse.GetValue(o.Image);
        if ((outFolder is null) == (image is null))
        {
            throw new CliUsageException("give exactly one of --out DIR (write the files to a folder) or --image FILE (write them into a Raspberry Pi OS .img)");
        }

        if (image is not null && all)
        {
            throw new CliUsageException("--image flashes one node; with --all use --out DIR (one folder per node)");
        }

        var keyPath = parse.GetValue(o.SshKey)!;
        var keys = SshPublicKey.ParseAll(ReadText(keyPath, "--ssh-key"), keyPath);
        var user = parse.GetValue(o.User)!;
        if (!UserName().IsMatch(user) || user is "root" or "pineurons")
        {
            throw new CliUsageException($"--user '{user}' is not a login name to create: use a-z 0-9 _ - (starting with a letter or _, at most 32), not root or pineurons");
        }

        var packages = parse.GetValue(o.Packages) ?? [];
        foreach (var package in packages.Where(p => !PackageName().IsMatch(p)))
        {
            throw new CliUsageException($"--package '{package}' is not a Debian package name (a-z 0-9 + - ., starting with a letter or digit)");
        }

        var bundle = CheckBundle(parse.GetValue(o.Bundle), parse.GetValue(o.NoBundle));
        var wifi = ReadWifi(parse, o, prompt);
        var broker = BrokerLoginRule.NodesBroker(manifest);
        var logins = FlashLogins.Read(parse, o, hosts, all, broker.AllUseTls);
        var systemFiles = PiSystemFiles.All();
        var insecure = parse.GetValue(o.Insecure);
        var warnings = CheckBroker(broker, logins, insecure, hosts.Count);
        // Certificate logins go to the broker's certificate listener, on the manifest's broker hosts: the manifest's own
        // port is the password listener, which the operators' CLI keeps using.
        var certificateBroker = BrokerList.Of(broker.Select(b => b with { Port = SecretsFolder.CertificateListenerPort })).ToString();
        return new FlashRequest
        {
            Nodes = [.. hosts.Select((h, i) => new NodeBootSettings(h.Name, manifestText, systemFiles, user, keys, packages, bundle is not null, logins.PerHost[i])
            {
                CaCertificatePem = logins.CaPem,
                NeuronLogins = logins.PerNeuron[i],
                NeuronCertificates = logins.Certificates[i],
                BrokerOverride = logins.Certificates[i].Count > 0 ? certificateBroker : null,
                Insecure = insecure,
                Interfaces = BootInterfaces.For(h),
            })],
            Wifi = wifi,
            BundleFolder = bundle,
            OutFolder = outFolder,
            Image = image,
            All = all,
            Warnings = warnings,
        };
    }

    private static string ReadManifest(string path) => ReadText(path, "--manifest");

    // A card whose node would refuse its settings is not written; the other problems are said and the card is written.
    private static List<BrokerProblem> CheckBroker(BrokerList broker, FlashLogins logins, bool insecure, int hosts)
    {
        var problems = Enumerable.Range(0, hosts).Select(logins.KindOf).Distinct()
            .SelectMany(kind => BrokerLoginRule.Check(broker, new NodeLogin(kind, logins.CaPem is not null, insecure)))
            .Distinct().ToList();
        var refusals = problems.Where(p => p.NodeRefuses).Select(p => p.Message).ToList();
        return refusals.Count == 0 ? problems : throw new CliUsageException(string.Join("; ", refusals));
    }

    private static string ReadText(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{option}: cannot read {path}: {ex.Message}");
        }
    }

    private static ClusterManifest ParseManifest(string text, string path)
    {
        try
        {
            return ClusterManifest.Parse(text, path);
        }
        catch (ManifestException ex)
        {
            // The manifest's own message names each problem's line and field path.
            throw new CliUsageException(ex.Message);
        }
    }

    private static IReadOnlyList<HostEntry> SelectHosts(ClusterManifest manifest, string? node, bool all, string path)
    {
        if (all == (node is not null))
        {
            throw new CliUsageException("give exactly one of --node HOST or --all; hosts of " + path + ": " + HostList(manifest));
        }

        if (all)
        {
            return manifest.Hosts;
        }

        return manifest.FindHost(node!) is { } host
            ? [host]
            : throw new CliUsageException($"--node '{node}' is not a host of {path}; its hosts are: {HostList(manifest)}");
    }

    private static string HostList(ClusterManifest manifest) => string.Join(", ", manifest.Hosts.Select(h => h.Name));

    private static string? CheckBundle(string? folder, bool noBundle)
    {
        if (noBundle)
        {
            return folder is null ? null : throw new CliUsageException("give --bundle DIR or --no-bundle, not both");
        }

        if (folder is null)
        {
            throw new CliUsageException("the node bundle is missing: " + NodeBundle.PublishHint);
        }

        NodeBundle.Check(folder);
        return folder;
    }

    private static WifiSettings? ReadWifi(ParseResult parse, FlashOptions o, Func<string, string> prompt)
    {
        var ssid = parse.GetValue(o.WifiSsid);
        var passwordFile = parse.GetValue(o.WifiPasswordFile);
        var country = parse.GetValue(o.WifiCountry);
        if (ssid is null)
        {
            return passwordFile is null && country is null
                ? null
                : throw new CliUsageException("--wifi-password-file and --wifi-country need --wifi-ssid");
        }

        if (ssid.Length is 0 or > 32)
        {
            throw new CliUsageException($"--wifi-ssid: an SSID is 1 to 32 characters; got {ssid.Length}");
        }

        if (country is null || !CountryCode().IsMatch(country))
        {
            throw new CliUsageException("--wifi-country: give the two-letter country code of where the Pi runs (GB, DE, US, JP...): "
                + "Raspberry Pi OS keeps the Wi-Fi radio off until it is set");
        }

        var password = passwordFile is not null ? WifiPassword.FromFile(passwordFile) : WifiPassword.Check(prompt(ssid), "the password typed");
        return new WifiSettings(ssid, password, country.ToUpperInvariant());
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserName();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();
}
