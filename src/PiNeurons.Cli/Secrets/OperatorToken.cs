using System.Buffers.Text;
using System.Security.Cryptography;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The bearer token of the aggregator's HTTP commands (kick, fire, set): the Swarm stack gives it to the aggregator as the
/// secret <c>operator_token</c> (<c>--operator-token-file</c>), and operators paste it into the page or send it with curl.
/// It is made here, beside the passwords, so the walkthrough needs no other tool to make a secret.
/// </summary>
internal static class OperatorToken
{
    /// <summary>The file in the output folder, owner-only like the passwords.</summary>
    public const string FileName = "operator-token";

    /// <summary>32 random bytes, base64url, as the passwords: 256 bits, and no character an Authorization header, a shell or a
    /// browser's paste would mangle.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
