namespace PiNeurons.Cli.Secrets;

/// <summary>What <c>pineurons secrets</c> was asked to make, checked.</summary>
/// <param name="OutDir">Where the files go.</param>
/// <param name="CaCertificate">An existing CA certificate (PEM), or null to make a CA.</param>
/// <param name="CaKey">Its private key (PEM), with <paramref name="CaCertificate"/>.</param>
/// <param name="BrokerHosts">Extra names for the broker's certificate (--broker-host).</param>
/// <param name="Days">Validity of the broker's certificate and of the neurons' client certificates.</param>
/// <param name="Force">Replace the files of an earlier run.</param>
/// <param name="Auth">How the neurons log in: a password each, or a client certificate each.</param>
/// <param name="Broker">Which broker the logins and rules are written for.</param>
internal sealed record SecretsRequest(
    string OutDir,
    string? CaCertificate,
    string? CaKey,
    IReadOnlyList<string> BrokerHosts,
    int Days,
    bool Force,
    NeuronAuth Auth = NeuronAuth.Password,
    BrokerKind Broker = BrokerKind.Mosquitto);

/// <summary>One file <c>pineurons secrets</c> wrote (or kept).</summary>
/// <param name="Path">Where it is.</param>
/// <param name="What">What it is for, one line.</param>
/// <param name="Kept">True when an earlier run's file was kept as it was (a password with --force).</param>
internal sealed record SecretOutput(string Path, string What, bool Kept = false);
