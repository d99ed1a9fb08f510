using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Inventory;

/// <summary>The text formats <c>pineurons inventory</c> writes.</summary>
internal enum InventoryFormat
{
    /// <summary>Ansible's INI inventory.</summary>
    Ini,

    /// <summary>Ansible's YAML inventory.</summary>
    Yaml,
}

/// <summary>What an inventory needs besides the manifest's hosts, resolved and validated by the command.</summary>
/// <param name="Root">The topic root the nodes use.</param>
/// <param name="Broker">The broker the nodes connect to (and the deploy's online wait subscribes to).</param>
/// <param name="Domain">Appended to each hostname for <c>ansible_host</c> (<c>local</c>: mDNS); empty for the bare hostname.</param>
/// <param name="User">The SSH user (<c>ansible_user</c>), or null to leave it to Ansible.</param>
internal sealed record InventorySettings(string Root, BrokerList Broker, string Domain, string? User);
