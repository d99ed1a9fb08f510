namespace PiNeurons.Core.Tests.Helpers;

/// <summary>Files of the repository the tests read, copied next to the test assembly by the csproj.</summary>
internal static class RepoFiles
{
    /// <summary>firmware-config/xor.yaml, the XOR network of the origin talk.</summary>
    public static string XorYaml => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "xor.yaml"));

    /// <summary>firmware-config/xor-learn.yaml, the XOR network whose z learns.</summary>
    public static string XorLearnYaml => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "xor-learn.yaml"));

    /// <summary>firmware-config/room.yaml, the sensor neuron the demo runs beside XOR.</summary>
    public static string RoomYaml => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "room.yaml"));
}
