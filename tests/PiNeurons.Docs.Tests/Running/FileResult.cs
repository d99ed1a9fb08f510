namespace PiNeurons.Docs.Tests.Running;

/// <summary>A docs file's run: the services it had, its blocks' results, and its marker errors.</summary>
internal sealed record FileResult(string File, string Services, IReadOnlyList<BlockResult> Blocks, IReadOnlyList<string> Errors);
