namespace PiNeurons.Cli.Secrets;

/// <summary>One role of Mosquitto's dynamic-security plugin: a name clients refer to and what it allows.</summary>
/// <param name="Name">The <c>rolename</c>.</param>
/// <param name="Acls">Its rules, each an allow.</param>
internal sealed record BrokerRole(string Name, IReadOnlyList<RoleAcl> Acls);
