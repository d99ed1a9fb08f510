using System.Runtime.InteropServices;

namespace PiNeurons.Hardware.Gpio;

/// <summary>Finds out which libgpiod libraries load here, by loading them as the drivers would.</summary>
internal static class LibgpiodProbe
{
    /// <summary>The libraries that load, through the dynamic loader's search (LD_LIBRARY_PATH included).</summary>
    public static LibgpiodLibraries Installed() =>
        (Loads("libgpiod.so.3") ? LibgpiodLibraries.V2 : LibgpiodLibraries.None)
        // The 1.x driver also falls back to libgpiod.so.1, the soname of libgpiod before 1.5.
        | (Loads("libgpiod.so.2") || Loads("libgpiod.so.1") ? LibgpiodLibraries.V1 : LibgpiodLibraries.None);

    private static bool Loads(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
