using System.Diagnostics;
using PiNeurons.Docs.Tests.Markdown;
using PiNeurons.Testing;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// One block of a file while the file's blocks run: its result so far, and what it left running (a background
/// block, a listener, a <c>cmd &amp;</c>), which is judged and then stopped when the file's last block is done.
/// </summary>
internal sealed class BlockRun(CommandBlock block)
{
    private readonly List<(ChildProcess Process, string What, string Log, bool MustNotFail)> _running = [];

    /// <summary>The block.</summary>
    public CommandBlock Block { get; } = block;

    /// <summary>The result so far; <see cref="Judge"/> gives the final one.</summary>
    public BlockResult? Result { get; set; }

    /// <summary>Measures the block's own run.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Keeps <paramref name="process"/> until the file is done; with <paramref name="mustNotFail"/>, the block
    /// fails if it exits non-zero by then (a listener, a background block), else it is only stopped (a <c>cmd &amp;</c>
    /// of a block that passed, as a reader's terminal would keep it).</summary>
    public void Keep(ChildProcess process, string what, string log, bool mustNotFail) => _running.Add((process, what, log, mustNotFail));

    /// <summary>The final result: a kept process that must not fail and has exited non-zero fails the block. All blocks
    /// of a file are judged before any is stopped, since stopping one (a server) can end another (its client).</summary>
    public BlockResult Judge()
    {
        var result = Result ?? throw new InvalidOperationException($"{Block.Where} has no result");
        foreach (var (process, what, log, mustNotFail) in _running)
        {
            if (mustNotFail && result.Outcome == Outcome.Passed && process.ExitCode is { } code and not 0)
            {
                result = result with
                {
                    Outcome = Outcome.Failed,
                    Detail = $"{what}, left running while the file's later blocks ran, exited {code} before they were done",
                    Output = BlockScript.Tail(log),
                };
            }
        }

        return result;
    }

    /// <summary>Stops everything the block left running.</summary>
    public async Task StopAsync()
    {
        foreach (var (process, _, _, _) in _running)
        {
            await process.DisposeAsync();
        }
    }
}
