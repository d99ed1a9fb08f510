using System.Threading.Channels;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Systemd;

namespace PiNeurons.Node.Tests.Systemd;

/// <summary>
/// The watchdog is fed every WATCHDOG_USEC/2 while the node is healthy, and starved when it is not. What systemd
/// sees is what <see cref="ISystemdNotifier"/> is told; the node's health is the other seam, both mocked here.
/// </summary>
public sealed class WatchdogServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly Mock<ISystemdNotifier> _notifier = new();
    private readonly Mock<INodeHealth> _health = new();
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();
    private readonly Channel<bool> _checks = Channel.CreateUnbounded<bool>();
    private volatile bool _healthy = true;

    public WatchdogServiceTests()
    {
        _notifier.SetupGet(n => n.IsEnabled).Returns(true);
        _notifier.Setup(n => n.Notify(It.IsAny<ServiceState>())).Callback((ServiceState state) => _sent.Writer.TryWrite(state.ToString()));
        _health.Setup(h => h.IsHealthy(out It.Ref<string?>.IsAny)).Returns(new IsHealthyCall((out string? reason) =>
        {
            var healthy = _healthy;
            reason = healthy ? null : "broker unreachable";
            _checks.Writer.TryWrite(healthy);
            return healthy;
        }));
    }

    private delegate bool IsHealthyCall(out string? reason);

    [Fact]
    public async Task Healthy_PingsAtStartAndEveryHalfInterval()
    {
        using var service = Start(TimeSpan.FromSeconds(30));
        Assert.Equal("WATCHDOG=1", await NextSentAsync());

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("WATCHDOG=1", await NextSentAsync());
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("WATCHDOG=1", await NextSentAsync());
    }

    [Fact]
    public async Task Unhealthy_WithholdsPingsUntilHealthyAgain()
    {
        _healthy = false;
        using var service = Start(TimeSpan.FromSeconds(30));
        Assert.False(await NextCheckAsync());

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.False(await NextCheckAsync());
        _notifier.Verify(n => n.Notify(It.IsAny<ServiceState>()), Times.Never);

        _healthy = true;
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("WATCHDOG=1", await NextSentAsync());
    }

    [Fact]
    public async Task NoWatchdogInterval_NeverPings()
    {
        var service = new WatchdogService(_notifier.Object, _health.Object, _time, NullLogger<WatchdogService>.Instance, watchdogInterval: null);
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(Wait);

        _notifier.Verify(n => n.Notify(It.IsAny<ServiceState>()), Times.Never);
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

    private async Task<string> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(Wait);

    private async Task<bool> NextCheckAsync() => await _checks.Reader.ReadAsync().AsTask().WaitAsync(Wait);

    private RunningWatchdog Start(TimeSpan interval)
    {
        var service = new WatchdogService(_notifier.Object, _health.Object, _time, NullLogger<WatchdogService>.Instance, interval);
        service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new RunningWatchdog(service);
    }

    private sealed class RunningWatchdog(WatchdogService service) : IDisposable
    {
        public void Dispose()
        {
            service.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            service.Dispose();
        }
    }
}
