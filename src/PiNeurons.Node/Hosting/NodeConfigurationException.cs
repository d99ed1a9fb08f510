namespace PiNeurons.Node.Hosting;

/// <summary>Options or a manifest that cannot work; the message names the option or field and the fix.</summary>
public sealed class NodeConfigurationException(string message) : Exception(message);
