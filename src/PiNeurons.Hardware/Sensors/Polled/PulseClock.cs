namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>Short busy waits on a <see cref="TimeProvider"/>'s timestamps, for microsecond pulses.</summary>
internal static class PulseClock
{
    /// <summary>
    /// Spins until <paramref name="duration"/> has passed since <paramref name="start"/>. Only for pulses
    /// of a few milliseconds at most: a timer cannot wake a thread that precisely, and a sleep would
    /// stretch a pulse on a loaded Pi.
    /// </summary>
    public static void SpinUntil(TimeProvider time, long start, TimeSpan duration)
    {
        while (time.GetElapsedTime(start) < duration)
        {
            Thread.SpinWait(10);
        }
    }
}
