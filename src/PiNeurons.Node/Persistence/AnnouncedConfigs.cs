namespace PiNeurons.Node.Persistence;

/// <summary>The Home Assistant discovery config topics this node has published retained, so that a later
/// run can clear those of neurons (or sensors) no longer in the manifest.</summary>
/// <param name="Topics">The config topics.</param>
internal sealed record AnnouncedConfigs(IReadOnlyList<string> Topics);
