namespace PiNeurons.Node.Tests.Support;

/// <summary>
/// Tests that load the machine on purpose (a flood of kicks): alone, after the others. On two cores a flood beside
/// other tests slows both: their XOR decisions miss the integration window, and the flood's backlog drains for minutes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodGroup
{
    public const string Name = "machine under a flood";
}
