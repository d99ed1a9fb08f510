namespace PiNeurons.Mqtt.Tls;

/// <summary>A TLS file (CA, client certificate or key) could not be used.</summary>
public sealed class MqttTlsFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, given with the switch <paramref name="option"/>.</summary>
    public MqttTlsFileException(string path, string option, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Option = option;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The command-line switch that names the file (<c>--ca-file</c>, <c>--cert-file</c>, <c>--key-file</c>), for the message.</summary>
    public string Option { get; }
}
