namespace PiNeurons.Cli.Secrets;

/// <summary>One login of Mosquitto's dynamic-security plugin.</summary>
/// <param name="User">The <c>username</c>; for a certificate login, the certificate's CN.</param>
/// <param name="ClientId">The only client id the login may connect with, or null for any (several connections at once).</param>
/// <param name="Password">The stored password, or null for a neuron that logs in with its certificate only.</param>
/// <param name="Role">The name of its one role.</param>
/// <param name="What">Who it is, for a person reading the file (its <c>textname</c>).</param>
internal sealed record BrokerClient(string User, string? ClientId, StoredPassword? Password, string Role, string What);
