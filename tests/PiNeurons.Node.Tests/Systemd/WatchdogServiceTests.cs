using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Systemd;

namespace PiNeurons.Node.Tests.Systemd;

/// <summary>The watchdog is fed every WATCHDOG_USEC/2 while the node is healthy, and starved when it is not.</summary>
public sealed class WatchdogServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly SwitchableHealth _health = new();

    [Fact]
    public async Task Healthy_PingsAtStartAndEveryHalfInterval()
    {
        using var service = Start(TimeSpan.FromSeconds(30));
        await _notifier.WaitForPingsAsync(1);

        _time.Advance(TimeSpan.FromSeconds(15));
        await _notifier.WaitForPingsAsync(2);
        _time.Advance(TimeSpan.FromSeconds(15));
        await _notifier.WaitForPingsAsync(3);

        Assert.All(_notifier.States, s => Assert.Equal("WATCHDOG=1", s));
    }

    [Fact]
    public async Task Unhealthy_WithholdsPingsUntilHealthyAgain()
    {
        _health.Healthy = false;
        using var service = Start(TimeSpan.FromSeconds(30));
        await service.Checked.WaitAsync(Wait);

        _time.Advance(TimeSpan.FromSeconds(15));
        await service.WaitForChecksAsync(2);
        Assert.Empty(_notifier.States);

        _health.Healthy = true;
        _time.Advance(TimeSpan.FromSeconds(15));
        await _notifier.WaitForPingsAsync(1);
    }

    [Fact]
    public async Task NoWatchdogInterval_NeverPings()
    {
        var service = new WatchdogService(_notifier, _health, _time, NullLogger<WatchdogService>.Instance, watchdogInterval: null);
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(Wait);

        Assert.Empty(_notifier.States);
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData("abc", null, null)]
    [InlineData(null, null, null)]
    public void FromEnvironment_ReadsUsecForThisProcessOnly(string? usec, string? pid, double? expectedSeconds)
    {
        var interval = WatchdogService.FromEnvironment(usec, pid, processId: 4242);

        Assert.Equal(expectedSeconds, interval?.TotalSeconds);
    }

    private RunningWatchdog Start(TimeSpan interval)
    {
        var service = new WatchdogService(_notifier, _health, _time, NullLogger<WatchdogService>.Instance, interval);
        service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new RunningWatchdog(service, _health);
    }

    private sealed class RunningWatchdog(WatchdogService service, SwitchableHealth health) : IDisposable
    {
        public Task Checked => health.WaitForChecksAsync(1);

        public Task WaitForChecksAsync(int count) => health.WaitForChecksAsync(count);

        public void Dispose()
        {
            service.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            service.Dispose();
        }
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _states = [];
        private readonly SemaphoreSlim _signal = new(0);

        public bool IsEnabled => true;

        public IReadOnlyList<string> States
        {
            get
            {
                lock (_states)
                {
                    return [.. _states];
                }
            }
        }

        public void Notify(ServiceState state)
        {
            lock (_states)
            {
                _states.Add(state.ToString());
            }

            _signal.Release();
        }

        public async Task WaitForPingsAsync(int count)
        {
            while (States.Count < count)
            {
                Assert.True(await _signal.WaitAsync(Wait), $"expected {count} pings, got {States.Count}");
            }
        }
    }

    private sealed class SwitchableHealth : INodeHealth
    {
        private readonly SemaphoreSlim _signal = new(0);
        private int _checks;

        public volatile bool Healthy = true;

        public bool IsHealthy(out string? reason)
        {
            reason = Healthy ? null : "broker unreachable";
            Interlocked.Increment(ref _checks);
            _signal.Release();
            return Healthy;
        }

        public async Task WaitForChecksAsync(int count)
        {
            while (Volatile.Read(ref _checks) < count)
            {
                Assert.True(await _signal.WaitAsync(Wait), $"expected {count} health checks, got {_checks}");
            }
        }
    }
}
