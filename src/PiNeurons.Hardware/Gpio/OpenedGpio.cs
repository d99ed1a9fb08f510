using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>A host's GPIO controller and what it was opened on.</summary>
/// <param name="Controller">The controller; the caller disposes it.</param>
/// <param name="Selection">The driver and chip, for the start message.</param>
public sealed record OpenedGpio(GpioController Controller, GpioSelection Selection);
