namespace PiNeurons.Hardware.Sensors.Polled.Simulated;

/// <summary>
/// Trimming for a simulated BME280 under which each compensation formula is a straight line in its ADC
/// output, and the exact inverse: the ADC output that compensates to a given reading, to within one step.
/// </summary>
/// <remarks>
/// The formulas are the datasheet's double-precision ones (BST-BME280-DS002, 8.1; the integer ones of
/// 4.2.3 have the same terms), as Iot.Device.Bindings computes them. Zeroing the words that multiply a
/// square or t_fine leaves, with the datasheet example's T1, T2, P1, P4 and typical H2, H4:
/// <list type="bullet">
/// <item>temperature, T3 = 0: var1 = (adc_T / 16384 − T1 / 1024) × T2 and T = var1 / 5120, so
/// T = (adc_T − 16 T1) × T2 / 83886080 °C, 0.0003 °C a step;</item>
/// <item>pressure, P2, P3, P5..P9 = 0: var1 is P1 and var2 is 65536 P4, so
/// p = (1048576 − adc_P − 16 P4) × 6250 / P1 Pa, 0.0017 hPa a step, whatever t_fine;</item>
/// <item>humidity, H1, H3, H5, H6 = 0: H = (adc_H − 64 H4) × H2 / 65536 %RH, 0.0055 %RH a step, whatever t_fine.</item>
/// </list>
/// </remarks>
internal static class LinearBme280Trimming
{
    private const ushort T1 = 27504;
    private const short T2 = 26435;
    private const ushort P1 = 36477;
    private const short P4 = 2855;
    private const short H2 = 362;
    private const short H4 = 324;

    /// <summary>Loads the trimming into <paramref name="chip"/>.</summary>
    public static SimulatedBme280Chip LoadInto(SimulatedBme280Chip chip) => chip
        .WithTemperatureAndPressureTrimming(T1, T2, 0, P1, 0, 0, P4, 0, 0, 0, 0, 0)
        .WithHumidityTrimming(0, H2, 0, H4, 0, 0);

    /// <summary>The ADC outputs that compensate, under this trimming, to the given readings.</summary>
    public static (int Temperature, int Pressure, int Humidity) AdcFor(double celsius, double hectopascals, double percent) => (
        Adc((16.0 * T1) + (celsius * 83886080 / T2), 0xFFFFF),
        Adc(1048576 - (16.0 * P4) - (hectopascals * 100 * P1 / 6250), 0xFFFFF),
        Adc((64.0 * H4) + (percent * 65536 / H2), 0xFFFF));

    // Temperature and pressure are 20-bit outputs, humidity 16-bit (datasheet 5.4.7 to 5.4.9); the ADC saturates.
    private static int Adc(double exact, int max) => (int)Math.Clamp(Math.Round(exact), 0, max);
}
