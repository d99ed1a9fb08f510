using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// <c>--cert-dir</c>: each hosted neuron presents its own client certificate, <c>DIR/&lt;neuron id&gt;.crt</c> with its
/// key <c>DIR/&lt;neuron id&gt;.key</c> (the <c>clients/</c> folder of <c>pineurons secrets --auth certificate</c>).
/// The broker's certificate listener takes the certificate's CN as the user name, so a CN other than the
/// neuron id would log the neuron in as someone else: refused here, before anything connects.
/// </summary>
internal static class NeuronCertificates
{
    // The OID of an EC public key, as X509Certificate.GetKeyAlgorithm gives it.
    private const string ECDsaOid = "1.2.840.10045.2.1";

    private const string Fix = "copy clients/<id>.crt and clients/<id>.key of one `pineurons secrets --auth certificate` run here";

    /// <summary>Reads every neuron's certificate and key now, so a missing file fails the start, not the neuron's first connect.</summary>
    /// <exception cref="NodeConfigurationException">A file is missing or unreadable, the key is not the certificate's, or the CN is not the neuron id.</exception>
    public static Dictionary<string, X509Certificate2> Read(string dir, IEnumerable<string> neuronIds)
    {
        var certificates = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        try
        {
            foreach (var id in neuronIds)
            {
                certificates[id] = ReadOne(dir, id);
            }
        }
        catch
        {
            foreach (var certificate in certificates.Values)
            {
                certificate.Dispose();
            }

            throw;
        }

        return certificates;
    }

    private static X509Certificate2 ReadOne(string dir, string id)
    {
        var certificatePath = Path.Combine(dir, id + ".crt");
        var keyPath = Path.Combine(dir, id + ".key");
        var certificatePem = ReadText(certificatePath, $"the client certificate of neuron {id}");
        var keyPem = ReadText(keyPath, $"the private key of neuron {id}");
        using var alone = Parse(certificatePath, id, certificatePem);
        using var key = ReadKey(keyPath, id, keyPem, ecdsa: alone.GetKeyAlgorithm() == ECDsaOid);
        X509Certificate2 certificate;
        try
        {
            certificate = key is ECDsa ec ? alone.CopyWithPrivateKey(ec) : alone.CopyWithPrivateKey((RSA)key);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new NodeConfigurationException($"--cert-dir: {keyPath} is not the key of {certificatePath} (neuron {id}; {ex.Message}): {FixFor(id)}, the pair of the same run.");
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (commonName != id)
        {
            certificate.Dispose();
            throw new NodeConfigurationException($"--cert-dir: {certificatePath} is issued to CN={commonName}, not to neuron {id}: the broker would log neuron {id} in as '{commonName}'; {FixFor(id)}.");
        }

        return certificate;
    }

    private static X509Certificate2 Parse(string path, string id, string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new NodeConfigurationException($"--cert-dir: {path}, the client certificate of neuron {id}, is not a PEM certificate ({ex.Message}): {FixFor(id)}.");
        }
    }

    // pineurons secrets writes ECDSA keys; an RSA pair made by other tools works too.
    private static AsymmetricAlgorithm ReadKey(string path, string id, string pem, bool ecdsa)
    {
        AsymmetricAlgorithm key = ecdsa ? ECDsa.Create() : RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new NodeConfigurationException($"--cert-dir: {path}, the private key of neuron {id}, is not a PEM {(ecdsa ? "EC" : "RSA")} private key ({ex.Message}): {FixFor(id)}.");
        }
    }

    private static string FixFor(string id) => Fix.Replace("<id>", id, StringComparison.Ordinal);

    private static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NodeConfigurationException($"--cert-dir: {path}, {what}, is missing: {Fix}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"--cert-dir: cannot read {path}, {what}: {ex.Message} (the node's user must be able to read it).");
        }
    }
}
