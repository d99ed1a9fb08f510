using PiNeurons.Core.Manifest;

namespace PiNeurons.Hardware.Boards;

/// <summary>A digital sensor line that kicks a neuron, such as a PIR motion sensor.</summary>
/// <param name="Name">Unique on the board; the kick source is <c>sensor:&lt;name&gt;</c>.</param>
/// <param name="Pin">GPIO (BCM) number.</param>
/// <param name="Pull">None for a push-pull output such as the HC-SR501's.</param>
/// <param name="Edge">Which edge kicks.</param>
/// <param name="DebounceMs">Chatter ignored after each reported change, in milliseconds.</param>
public sealed record DigitalSensorSpec(
    string Name,
    int Pin,
    PullMode Pull = PullMode.None,
    EdgeKind Edge = EdgeKind.Rising,
    int DebounceMs = 50);
