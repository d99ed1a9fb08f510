using System.Security.Cryptography;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The Erlang cookie every node of an ejabberd cluster shares: with it a node (or anyone who reaches the Erlang
/// distribution ports) may join the cluster and run any code in it, so it is made here at random like a password rather
/// than left to each machine's package, whose cookies differ (Debian makes one per install), and kept by --force like the
/// passwords: a new one would split a running cluster. Hex, the safest spelling for an Erlang atom in a file or a flag.
/// </summary>
internal static class ErlangCookie
{
    /// <summary>The file in the output folder, owner-only like the passwords.</summary>
    public const string FileName = "ejabberd-cookie";

    /// <summary>32 random bytes as 64 hex digits.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
