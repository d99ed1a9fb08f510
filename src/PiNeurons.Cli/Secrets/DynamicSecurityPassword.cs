using System.Security.Cryptography;
using System.Text;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// A client's password as Mosquitto's dynamic-security plugin stores it, written without mosquitto_ctrl: PBKDF2-HMAC-SHA512
/// of the UTF-8 password over the decoded salt, in the client's <c>password</c>, <c>salt</c> and <c>iterations</c> fields,
/// standard base64 with padding. The plugin skips, without a word in its log, a client whose salt does not decode to 12
/// bytes or whose hash does not decode to 64, so those sizes are fixed here (checked against mosquitto_ctrl's output in
/// the tests).
/// </summary>
internal static class DynamicSecurityPassword
{
    /// <summary>What <c>mosquitto_ctrl dynsec</c> writes, and so what the plugin is known to take. The plugin reads the
    /// count per client and would take more, but more buys nothing here: the passwords are 32 random bytes, which no
    /// number of guesses at 101 iterations each can reach, and every login pays the count on a Pi's broker.</summary>
    public const int Iterations = 101;

    public const int SaltBytes = 12;

    public const int HashBytes = 64;

    /// <summary>The stored fields of <paramref name="password"/> with a fresh random salt.</summary>
    public static StoredPassword Store(string password) => Store(password, RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>The stored fields with the given salt (tests compare with mosquitto_ctrl's output).</summary>
    public static StoredPassword Store(string password, byte[] salt, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return new StoredPassword(Convert.ToBase64String(hash), Convert.ToBase64String(salt), iterations);
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from.</summary>
    public static bool Verify(StoredPassword stored, string password)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var salt = Convert.FromBase64String(stored.Salt);
        var expected = Convert.FromBase64String(stored.Hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, stored.Iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
