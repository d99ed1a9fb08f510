namespace PiNeurons.Cli.Bench;

/// <summary>A node binary under measurement did not come online; the message says what it printed.</summary>
internal sealed class NodeStartFailedException(string message) : Exception(message);
