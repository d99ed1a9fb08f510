using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// Mosquitto 2.0's password file, written without mosquitto_passwd: one <c>user:$7$iterations$salt$hash</c>
/// line per user, the hash being PBKDF2-HMAC-SHA512 of the UTF-8 password. The parameters are the ones
/// mosquitto_passwd 2.0.11 writes (checked against its output in the tests): 101 iterations, a 12-byte
/// salt, a 64-byte hash, standard base64 with padding. 101 iterations is weak against guessing, which is
/// why the passwords are 32 random bytes: nothing about them can be guessed from the hash.
/// </summary>
internal static class MosquittoPasswordFile
{
    public const int Iterations = 101;
    public const int SaltBytes = 12;
    public const int HashBytes = 64;

    /// <summary>One line for <paramref name="user"/>, with a fresh random salt.</summary>
    public static string Line(string user, string password) => Line(user, password, RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>One line with the given salt (tests compare with mosquitto_passwd's output).</summary>
    public static string Line(string user, string password, byte[] salt, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("a Mosquitto user name cannot contain ':'", nameof(user));
        }

        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{user}:$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="line"/> is a <c>$7$</c> line for <paramref name="user"/> that <paramref name="password"/> matches.</summary>
    public static bool Verify(string line, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(line);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || line[..colon] != user)
        {
            return false;
        }

        var parts = line[(colon + 1)..].Split('$');
        if (parts is not ["", "7", var iterationText, var saltText, var hashText]
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(saltText);
        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The whole file: one line per login, in order, newline-terminated.</summary>
    public static string Build(IEnumerable<MqttCredential> logins) =>
        string.Concat(logins.Select(l => Line(l.User, l.Password) + "\n"));
}
