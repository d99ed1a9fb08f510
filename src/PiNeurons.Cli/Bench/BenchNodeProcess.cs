using System.Diagnostics;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// A node binary the benchmarks run as its own process, as a Pi runs it: its stderr kept (the last lines say
/// why a start failed), killed with its children when disposed.
/// </summary>
internal sealed class BenchNodeProcess : IDisposable
{
    private const int KeptLines = 20;

    private readonly string _binary;
    private readonly Process _process;
    private readonly Queue<string> _errors = new();

    private BenchNodeProcess(string binary, Process process)
    {
        _binary = binary;
        _process = process;
    }

    /// <summary>The operating system's id of the node.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/>.</summary>
    /// <exception cref="NodeStartFailedException">It could not be started.</exception>
    public static BenchNodeProcess Start(string binary, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new NodeStartFailedException($"{binary} did not start");
        var node = new BenchNodeProcess(binary, process);
        // Read, or a chatty node would block on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until <paramref name="ids"/> are all retained <c>online</c> as <paramref name="observer"/> sees them.</summary>
    /// <exception cref="NodeStartFailedException">The node exited first; the message carries its last stderr lines.</exception>
    public async Task WaitOnlineAsync(MqttRequestClient observer, TopicScheme scheme, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var online = observer.WaitOnlineAsync(scheme, ids, ct);
        var exited = _process.WaitForExitAsync(ct);
        if (await Task.WhenAny(online, exited) == exited)
        {
            lock (_errors)
            {
                var said = _errors.Count == 0 ? "it printed nothing on stderr" : string.Join(" | ", _errors);
                throw new NodeStartFailedException($"{_binary} exited with code {_process.ExitCode} before its neurons came online ({said})");
            }
        }

        await online;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        lock (_errors)
        {
            if (line is not null && _errors.Count < KeptLines)
            {
                _errors.Enqueue(line);
            }
        }
    }
}
