using System.Device.I2c;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Bme280;

/// <summary>
/// A BME280's register map on a simulated I2C device: a write sets the register pointer (and writes
/// any further bytes from there), a read returns bytes from the pointer on, auto-incrementing, as the
/// chip does (BME280 datasheet, section 6.2 "I2C interface").
/// </summary>
internal sealed class SimulatedBme280 : I2cSimulatedDeviceBase
{
    public SimulatedBme280(int bus = 1, int address = 0x76, byte chipId = 0x60)
        : base(new I2cConnectionSettings(bus, address))
    {
        for (var register = 0x80; register <= 0xFF; register++)
        {
            RegisterMap[(byte)register] = new Register<byte>(0);
        }

        Set(0xD0, chipId);
    }

    /// <summary>Loads the temperature and pressure trimming words at 0x88-0x9F (BME280 datasheet 4.2.2, table 16).</summary>
    public SimulatedBme280 WithTemperatureAndPressureTrimming(ushort t1, short t2, short t3, ushort p1, params short[] p2To9)
    {
        SetWord(0x88, t1);
        SetWord(0x8A, (ushort)t2);
        SetWord(0x8C, (ushort)t3);
        SetWord(0x8E, p1);
        for (var i = 0; i < p2To9.Length; i++)
        {
            SetWord((byte)(0x90 + (2 * i)), (ushort)p2To9[i]);
        }

        return this;
    }

    /// <summary>
    /// Loads the humidity trimming (BME280 datasheet 4.2.2, table 16): H1 at 0xA1, H2 at 0xE1/0xE2, H3 at 0xE3,
    /// H4 as 0xE4[11:4] and 0xE5[3:0], H5 as 0xE5[7:4] and 0xE6[11:4], H6 at 0xE7.
    /// </summary>
    public SimulatedBme280 WithHumidityTrimming(byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        Set(0xA1, h1);
        SetWord(0xE1, (ushort)h2);
        Set(0xE3, h3);
        Set(0xE4, (byte)(h4 >> 4));
        Set(0xE5, (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4)));
        Set(0xE6, (byte)(h5 >> 4));
        Set(0xE7, (byte)h6);
        return this;
    }

    /// <summary>Loads raw ADC outputs: press 0xF7-0xF9 and temp 0xFA-0xFC (20 bits, msb first), hum 0xFD-0xFE.</summary>
    public SimulatedBme280 WithAdc(int temperature, int pressure, int humidity)
    {
        Set20(0xF7, pressure);
        Set20(0xFA, temperature);
        Set(0xFD, (byte)(humidity >> 8));
        Set(0xFE, (byte)humidity);
        return this;
    }

    public bool IsDisposed { get; private set; }

    public byte Get(byte register) => (byte)RegisterMap[register].ReadRegister();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    public override void WriteRead(byte[] inputBuffer, byte[] outputBuffer)
    {
        if (inputBuffer.Length > 0)
        {
            CurrentRegister = inputBuffer[0];
            for (var i = 1; i < inputBuffer.Length; i++)
            {
                Write((byte)(inputBuffer[0] + i - 1), inputBuffer[i]);
            }
        }

        for (var i = 0; i < outputBuffer.Length; i++)
        {
            outputBuffer[i] = Get(CurrentRegister);
            CurrentRegister++;
        }
    }

    private void Write(byte register, byte value)
    {
        // 0xE0 "reset" with 0xB6 is a soft reset; the chip's readings and trimming survive it.
        if (register == 0xE0)
        {
            return;
        }

        Set(register, value);
    }

    private void Set(byte register, byte value) => RegisterMap[register].WriteRegister(value);

    private void SetWord(byte register, ushort value)
    {
        Set(register, (byte)value);
        Set((byte)(register + 1), (byte)(value >> 8));
    }

    private void Set20(byte register, int value)
    {
        Set(register, (byte)(value >> 12));
        Set((byte)(register + 1), (byte)(value >> 4));
        Set((byte)(register + 2), (byte)((value & 0x0F) << 4));
    }
}
