namespace PiNeurons.Testing;

/// <summary>Where a program the tests run is installed.</summary>
public static class ProgramPath
{
    // Debian installs daemons (mosquitto) in the sbin folders, which an ordinary user's PATH often leaves out.
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>The first <paramref name="name"/> on PATH, then in the sbin folders.</summary>
    /// <param name="name">The program's file name.</param>
    /// <param name="missing">What the failure says: what to install.</param>
    /// <exception cref="FileNotFoundException">It is in none of them; the message is <paramref name="missing"/>.</exception>
    public static string Find(string name, string missing)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(missing, name);
    }
}
