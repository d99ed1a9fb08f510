using PiNeurons.Docs.Tests.DemoHints;
using PiNeurons.Docs.Tests.Running;

namespace PiNeurons.Docs.Tests;

/// <summary>
/// The runner, started by <see cref="DocsTests"/> inside a private network namespace (<see cref="PrivateNetwork"/>):
/// <c>dotnet PiNeurons.Docs.Tests.dll blocks|demo-hints REPORT</c>. It is not meant to be run on the machine's own
/// network: the docs' commands take the default ports 1883 and 8080.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args) => args switch
    {
        ["blocks", var report] => await DocsRun.RunAsync(report),
        ["demo-hints", var report] => await DemoHintsCheck.RunAsync(report),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: PiNeurons.Docs.Tests blocks|demo-hints REPORT (inside a network namespace of its own; see PrivateNetwork.cs)");
        return 2;
    }
}
