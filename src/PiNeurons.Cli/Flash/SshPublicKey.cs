using System.Buffers.Binary;
using System.Text;
using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Flash;

/// <summary>Checks that a file holds OpenSSH public keys (the lines of an <c>id_*.pub</c> or authorized_keys), never a private key.</summary>
internal static class SshPublicKey
{
    private static readonly string[] KeyTypes =
    [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>The key lines of <paramref name="text"/>; a <see cref="CliUsageException"/> naming <paramref name="source"/> if any line is not a public key.</summary>
    public static IReadOnlyList<string> ParseAll(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new CliUsageException($"--ssh-key {source}: this is a private key; give the public one ({source}.pub)");
        }

        var keys = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!IsPublicKey(line))
            {
                throw new CliUsageException(
                    $"--ssh-key {source}: line {lineNumber} is not an OpenSSH public key "
                    + $"(expected '<type> <base64> [comment]' with type one of {string.Join(", ", KeyTypes)})");
            }

            keys.Add(line);
        }

        return keys.Count > 0
            ? keys
            : throw new CliUsageException($"--ssh-key {source}: no public key in the file (make one with ssh-keygen -t ed25519)");
    }

    /// <summary>True for <c>type base64 [comment]</c> whose base64 decodes to a key blob that starts with the same type.</summary>
    public static bool IsPublicKey(string line)
    {
        var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !KeyTypes.Contains(parts[0], StringComparer.Ordinal))
        {
            return false;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var length) || length < 4)
        {
            return false;
        }

        // RFC 4253 §6.6: the blob starts with the key type as an SSH string (uint32 length, then bytes).
        var typeLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return typeLength <= length - 4
            && Encoding.ASCII.GetString(blob, 4, (int)typeLength) == parts[0];
    }
}
