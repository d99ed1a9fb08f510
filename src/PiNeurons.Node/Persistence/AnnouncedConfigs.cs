namespace PiNeurons.Node.Persistence;

/// <summary>The Home Assistant discovery config topics this node has published retained, so that a later
/// run can clear those of neurons (or sensors) no longer in the manifest.</summary>
/// <param name="Topics">The config topics.</param>
/// <param name="Components">For each device config topic, the platform of each component by component id: a
/// component gone from a device is removed by naming it with only its platform. Null in files written before
/// device configs.</param>
internal sealed record AnnouncedConfigs(
    IReadOnlyList<string> Topics,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Components = null);
