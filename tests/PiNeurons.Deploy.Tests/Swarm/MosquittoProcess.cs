using System.Diagnostics;
using System.Globalization;
using System.Text;
using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// Mosquitto started on a config file the test wrote (PiNeurons.Testing's MosquittoBroker writes its
/// own config, so it cannot run ours). Output is captured for failure messages.
/// </summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private MosquittoProcess(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static MosquittoProcess Start(string configPath)
    {
        var start = new ProcessStartInfo(Locate(), ["-c", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        var broker = new MosquittoProcess(process);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return broker;
    }

    public Task WaitUntilListeningAsync(int port) =>
        FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), () => $"mosquitto log:\n{Log}");

    /// <summary>Waits for the process to end by itself (a config it refused).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as `docker stop` sends it: Mosquitto saves its database and exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, "mosquitto");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("mosquitto not found; install it: apt-get install mosquitto mosquitto-clients");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
