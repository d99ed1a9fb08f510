using System.Device.I2c;

namespace PiNeurons.Hardware.Sensors.Polled.Simulated;

/// <summary>
/// A BME280 as the I2C bus sees it: its register map (BME280 datasheet BST-BME280-DS002, 5.3 "Memory
/// map"), read and written as the chip's I2C interface does (6.2). What reads it is the path a real chip
/// takes: <see cref="Bme280.Bme280Device"/>, the Iot.Device.Bindings driver and its compensation formulas.
/// </summary>
/// <remarks>
/// A write is a register address, then pairs of data and next address, and it leaves the register pointer
/// at its first address; a read returns bytes from the pointer on, incrementing it (6.2.1, 6.2.2). Only
/// reset, ctrl_hum, ctrl_meas and config take writes, as on the chip. Not thread-safe: one binding reads it,
/// and <see cref="Bme280.Bme280Device"/> serializes that binding's reads.
/// </remarks>
internal sealed class SimulatedBme280Chip : I2cDevice
{
    private const byte ChipIdRegister = 0xD0;
    private const byte ResetRegister = 0xE0;
    private const byte CtrlHumRegister = 0xF2;
    private const byte CtrlMeasRegister = 0xF4;
    private const byte ConfigRegister = 0xF5;

    private readonly byte[] _registers = new byte[256];
    private Func<(int Temperature, int Pressure, int Humidity)>? _convert;
    private byte _pointer;

    /// <summary>A chip at (<paramref name="bus"/>, <paramref name="address"/>) whose id register reads <paramref name="chipId"/>.</summary>
    public SimulatedBme280Chip(int bus = 1, int address = 0x76, byte chipId = 0x60)
    {
        ConnectionSettings = new I2cConnectionSettings(bus, address);
        _registers[ChipIdRegister] = chipId;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    public bool IsDisposed { get; private set; }

    /// <summary>Loads the temperature and pressure trimming words at 0x88-0x9F (datasheet 4.2.2, table 16), little-endian.</summary>
    public SimulatedBme280Chip WithTemperatureAndPressureTrimming(ushort t1, short t2, short t3, ushort p1, params short[] p2To9)
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
    /// Loads the humidity trimming (datasheet 4.2.2, table 16): H1 at 0xA1, H2 at 0xE1/0xE2, H3 at 0xE3,
    /// H4 as 0xE4[11:4] and 0xE5[3:0], H5 as 0xE5[7:4] and 0xE6[11:4], H6 at 0xE7.
    /// </summary>
    public SimulatedBme280Chip WithHumidityTrimming(byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        _registers[0xA1] = h1;
        SetWord(0xE1, (ushort)h2);
        _registers[0xE3] = h3;
        _registers[0xE4] = (byte)(h4 >> 4);
        _registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));
        _registers[0xE6] = (byte)(h5 >> 4);
        _registers[0xE7] = (byte)h6;
        return this;
    }

    /// <summary>Loads raw ADC outputs: press 0xF7-0xF9 and temp 0xFA-0xFC (20 bits, msb first), hum 0xFD-0xFE.</summary>
    public SimulatedBme280Chip WithAdc(int temperature, int pressure, int humidity)
    {
        Set20(0xF7, pressure);
        Set20(0xFA, temperature);
        _registers[0xFD] = (byte)(humidity >> 8);
        _registers[0xFE] = (byte)humidity;
        return this;
    }

    /// <summary>
    /// Makes each conversion load the ADC outputs <paramref name="convert"/> returns. A conversion starts when
    /// ctrl_meas is written with a mode other than sleep, as a forced measurement does (datasheet 3.3, "Sensor modes").
    /// </summary>
    public SimulatedBme280Chip WithConversion(Func<(int Temperature, int Pressure, int Humidity)> convert)
    {
        _convert = convert;
        return this;
    }

    /// <summary>The value of <paramref name="register"/>, without moving the register pointer.</summary>
    public byte Get(byte register) => _registers[register];

    public override void Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        foreach (ref var b in buffer)
        {
            // The reset register is write-only and reads 0x00 (datasheet 5.4.2).
            b = _pointer == ResetRegister ? (byte)0 : _registers[_pointer];
            _pointer++;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];
        for (var i = 0; i + 1 < buffer.Length; i += 2)
        {
            Store(buffer[i], buffer[i + 1]);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private void Store(byte register, byte value)
    {
        switch (register)
        {
            case ResetRegister when value == 0xB6:
                // A soft reset returns the control registers to their power-on 0. The data registers keep what
                // they hold, where a real chip shows its reset values until the next conversion, so a test can
                // load readings before the binding resets the chip.
                _registers[CtrlHumRegister] = 0;
                _registers[CtrlMeasRegister] = 0;
                _registers[ConfigRegister] = 0;
                break;
            case CtrlHumRegister or ConfigRegister:
                _registers[register] = value;
                break;
            case CtrlMeasRegister:
                _registers[register] = value;
                // The mode bits read back as written; a real chip returns them to sleep (00) after a forced
                // conversion, which the binding does not rely on: it writes forced mode again before each read.
                if ((value & 0b11) != 0 && _convert is not null)
                {
                    var (temperature, pressure, humidity) = _convert();
                    WithAdc(temperature, pressure, humidity);
                }

                break;
            default:
                // Trimming, id and data registers are read-only; the chip ignores writes to them.
                break;
        }
    }

    private void SetWord(byte register, ushort value)
    {
        _registers[register] = (byte)value;
        _registers[register + 1] = (byte)(value >> 8);
    }

    private void Set20(byte register, int value)
    {
        _registers[register] = (byte)(value >> 12);
        _registers[register + 1] = (byte)(value >> 4);
        _registers[register + 2] = (byte)((value & 0x0F) << 4);
    }
}
