using PiNeurons.Core;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>One run of <c>pineurons secrets</c> on the XOR manifest, shared by every test of a class that only reads it.</summary>
public sealed class GeneratedSecrets : IAsyncLifetime
{
    internal SecretsOutput Out { get; } = new();

    public async Task InitializeAsync()
    {
        var result = await Out.RunAsync();
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }

    public Task DisposeAsync()
    {
        Out.Dispose();
        return Task.CompletedTask;
    }
}
