using Microsoft.Extensions.Logging;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Node.Sensors;

/// <summary>
/// Reads every polled sensor of the node at its interval, one read at a time: sensors on one I2C bus or
/// 1-Wire master must not be read concurrently, and a Pi's sensors are few and slow (a DS18B20 conversion
/// is the longest read, 750 ms). A reading goes to its neuron; a failed read becomes an <c>error</c> event,
/// reported once per run of failures with the same reason and again every <see cref="ReminderEvery"/>, so a
/// sensor that fell off its bus does not flood the events topic at every poll.
/// </summary>
internal sealed class SensorPoller(IReadOnlyList<PolledSensor> sensors, TimeProvider time, ILogger<SensorPoller> logger)
{
    /// <summary>How often a sensor that keeps failing for the same reason is reported again.</summary>
    public static readonly TimeSpan ReminderEvery = TimeSpan.FromMinutes(5);

    /// <summary>Polls until <paramref name="ct"/> is cancelled; the first reads happen at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (sensors.Count == 0)
        {
            return;
        }

        // Off the caller's thread before the first read: a read blocks (a DS18B20 conversion takes 750 ms), and
        // the node's start must not wait for it.
        await Task.Yield();

        var start = time.GetUtcNow();
        var due = sensors.Select(_ => start).ToArray();
        while (!ct.IsCancellationRequested)
        {
            for (var i = 0; i < sensors.Count; i++)
            {
                var now = time.GetUtcNow();
                if (due[i] <= now)
                {
                    ReadOnce(sensors[i], now);
                    // Keep the cadence, unless the node fell far behind (a suspended Pi): then restart from now.
                    due[i] += sensors[i].Interval;
                    if (due[i] <= now)
                    {
                        due[i] = now + sensors[i].Interval;
                    }
                }
            }

            var wait = due.Min() - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            }
        }
    }

    private void ReadOnce(PolledSensor polled, DateTimeOffset now)
    {
        SensorReading reading;
        try
        {
            reading = polled.Sensor.Read();
        }
        catch (SensorReadException ex)
        {
            if (polled.Failures.ShouldReport(ex.Message, now, ReminderEvery))
            {
                Log.SensorFailed(logger, polled.Neuron.Id, polled.Sensor.Name, ex.Message);
                polled.Neuron.OnSensorFailed(polled.Sensor.Name, polled.Failures.Describe(ex.Message));
            }

            return;
        }

        if (polled.Failures.Ended())
        {
            Log.SensorRecovered(logger, polled.Neuron.Id, polled.Sensor.Name);
        }

        polled.Neuron.OnSensorReading(polled.Sensor.Name, reading.Value, reading.Unit);
    }
}
