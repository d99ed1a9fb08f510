using System.Globalization;
using PiNeurons.Docs.Tests.Markdown;
using PiNeurons.Testing;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>Runs one block as its marker says, in the docs tree, with the docs environment.</summary>
internal sealed class BlockRunner(DocsEnvironment environment, string tree)
{
    /// <summary>A block must be done within this: a hang guard, generous for a loaded machine.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A block that runs dotnet run/build/publish must be done (or, in the background, ready) within this:
    /// the first <c>dotnet run</c> of a fresh tree builds the project and its references from scratch.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(300);

    /// <summary>In a <see cref="BlockMode.Terminals"/> block, a command still running after this is a listener (a
    /// mosquitto_sub, a node, a curl -N): the next command starts, and it is judged when the file is done. This
    /// decides only when the next command starts, never whether one passes.</summary>
    public static readonly TimeSpan ListenerGrace = TimeSpan.FromSeconds(2);

    private readonly string _scripts = environment.NewFolder("scripts");

    /// <summary>Runs <paramref name="block"/>; what it leaves running stays in the returned run until the file is done.</summary>
    public async Task<BlockRun> RunAsync(CommandBlock block)
    {
        var run = new BlockRun(block);
        var marker = block.Marker;
        if (marker.Errors.Count > 0)
        {
            run.Result = new BlockResult(block, Outcome.Failed, TimeSpan.Zero, "its docs-test marker: " + string.Join("; ", marker.Errors), []);
            return run;
        }

        try
        {
            run.Result = marker.Mode switch
            {
                BlockMode.Skip => BlockResult.Skipped(block),
                BlockMode.Background => await BackgroundAsync(run),
                BlockMode.Terminals => await TerminalsAsync(run),
                _ => await ScriptAsync(run),
            };
        }
#pragma warning disable CA1031 // Whatever goes wrong around one block (a probe that cannot connect...) fails that block, not the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run.Result = new BlockResult(block, Outcome.Failed, run.Clock.Elapsed, $"the runner failed around it: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}", [.. ex.ToString().Split('\n').Take(20)]);
        }

        return run;
    }

    private static TimeSpan TimeoutOf(CommandBlock block) => block.Builds ? BuildTimeout : CommandTimeout;

    // The whole block, as a script that must exit 0 in time.
    private async Task<BlockResult> ScriptAsync(BlockRun run)
    {
        var block = run.Block;
        var (script, log) = BlockScript.Write(_scripts, block, block.Lines, block.Marker.Before);
        var process = Bash.StartFile(script, tree, environment.Variables);
        run.Keep(process, "a job it started", log, mustNotFail: false);
        var timeout = TimeoutOf(block);
        if (await Task.WhenAny(process.Exited, Task.Delay(timeout)) != process.Exited)
        {
            await process.KillAsync();
            return Failed(run, $"did not finish within {Seconds(timeout)}", log);
        }

        return process.ExitCode == 0 ? Passed(run, "exit 0") : Failed(run, $"exit {process.ExitCode}{FailingLine(log, block)}", log);
    }

    // The whole block, started and left running; ready when its port listens or its neurons are online.
    private async Task<BlockResult> BackgroundAsync(BlockRun run)
    {
        var block = run.Block;
        var (script, log) = BlockScript.Write(_scripts, block, block.Lines, block.Marker.Before);
        var process = Bash.StartFile(script, tree, environment.Variables);
        run.Keep(process, "it", log, mustNotFail: true);
        var timeout = TimeoutOf(block);
        var ready = ReadyAsync(block.Marker, timeout);
        var first = await Task.WhenAny(ready, process.Exited);
        if (first == ready)
        {
            try
            {
                await ready;
                return Passed(run, "started, ready" + ReadyText(block.Marker) + "; left running");
            }
            catch (TimeoutException ex)
            {
                await process.KillAsync();
                return Failed(run, $"not ready{ReadyText(block.Marker)} within {Seconds(timeout)}: {ex.Message.Split('\n')[0]}", log);
            }
        }

        return process.ExitCode == 0 ? Passed(run, "exit 0 (it did not keep running)") : Failed(run, $"exit {process.ExitCode}{FailingLine(log, block)}", log);
    }

    // Each command in a shell of its own, in order; one still running after the grace is a listener.
    private async Task<BlockResult> TerminalsAsync(BlockRun run)
    {
        var block = run.Block;
        if (block.Marker.Before is { } before)
        {
            var (script, log) = BlockScript.Write(_scripts, block, [], before);
            await using var setup = Bash.StartFile(script, tree, environment.Variables);
            if (await Task.WhenAny(setup.Exited, Task.Delay(CommandTimeout)) != setup.Exited || setup.ExitCode != 0)
            {
                return Failed(run, $"its `before` command failed: {before}", log);
            }
        }

        List<string> listeners = [];
        foreach (var command in block.Commands)
        {
            var (script, log) = BlockScript.Write(_scripts, block, command.Lines, null);
            var process = Bash.StartFile(script, tree, environment.Variables);
            run.Keep(process, $"`{command.Display}` (line {command.Line})", log, mustNotFail: true);
            if (await Task.WhenAny(process.Exited, Task.Delay(ListenerGrace)) != process.Exited)
            {
                listeners.Add($"line {command.Line}");
                continue;
            }

            if (process.ExitCode != 0)
            {
                return Failed(run, $"exit {process.ExitCode} at line {command.Line}: `{command.Display}`", log);
            }
        }

        return Passed(run, listeners.Count == 0 ? "every command exit 0" : $"exit 0, listeners left running: {string.Join(", ", listeners)}");
    }

    private static async Task ReadyAsync(BlockMarker marker, TimeSpan timeout)
    {
        if (marker.ReadyPort is { } port)
        {
            await FreePort.WaitUntilListeningAsync(port, timeout);
        }

        if (marker.ReadyOnline.Count > 0)
        {
            await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", FileServices.MqttPort, "pineurons/+/status");
            foreach (var id in marker.ReadyOnline)
            {
                await probe.WaitForAsync($"pineurons/{id}/status", "online", timeout);
            }
        }
    }

    private static string ReadyText(BlockMarker marker) =>
        (marker.ReadyPort is { } port ? $" (127.0.0.1:{port} listens)" : string.Empty)
        + (marker.ReadyOnline.Count > 0 ? $" ({string.Join(", ", marker.ReadyOnline)} online)" : string.Empty);

    // The failing command, from the line the script's ERR trap logged.
    private static string FailingLine(string log, CommandBlock block)
    {
        if (BlockScript.FailureIn(log) is not { } failure)
        {
            return string.Empty;
        }

        if (failure.Line == 1)
        {
            return $" in its `before` command: {block.Marker.Before}";
        }

        var command = block.Commands.FirstOrDefault(c => c.Lines.Any(l => l.Number == failure.Line));
        return command is null ? $" at line {failure.Line}" : $" at line {failure.Line}: `{command.Display}`";
    }

    private static BlockResult Passed(BlockRun run, string detail) => new(run.Block, Outcome.Passed, run.Clock.Elapsed, detail, []);

    private static BlockResult Failed(BlockRun run, string detail, string log) => new(run.Block, Outcome.Failed, run.Clock.Elapsed, detail, BlockScript.Tail(log));

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
