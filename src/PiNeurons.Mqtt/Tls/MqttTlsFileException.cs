namespace PiNeurons.Mqtt.Tls;

/// <summary>A TLS file (CA, client certificate or key) could not be used.</summary>
public sealed class MqttTlsFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public MqttTlsFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
}
