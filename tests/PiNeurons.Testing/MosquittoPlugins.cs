namespace PiNeurons.Testing;

/// <summary>Where this machine's Mosquitto keeps its plugins.</summary>
public static class MosquittoPlugins
{
    private const string DynamicSecurityFile = "mosquitto_dynamic_security.so";

    /// <summary>
    /// The dynamic-security plugin: Debian's package puts it under the architecture's folder
    /// (<c>/usr/lib/x86_64-linux-gnu/</c>, <c>/usr/lib/aarch64-linux-gnu/</c>), the eclipse-mosquitto image in
    /// <c>/usr/lib/</c>; the first found wins.
    /// </summary>
    public static string DynamicSecurity()
    {
        const string Lib = "/usr/lib";
        var folders = Directory.Exists(Lib) ? [Lib, .. Directory.EnumerateDirectories(Lib).Order(StringComparer.Ordinal)] : Array.Empty<string>();
        return folders.Select(f => Path.Combine(f, DynamicSecurityFile)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{DynamicSecurityFile} not found in {Lib} or a folder of it; install mosquitto: apt-get install mosquitto");
    }
}
