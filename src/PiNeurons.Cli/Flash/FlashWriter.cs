using System.Text;

namespace PiNeurons.Cli.Flash;

/// <summary>Writes a checked <see cref="FlashRequest"/>: files into folders, or into an image's boot partition.</summary>
internal static class FlashWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(FlashRequest request, TextWriter output, CancellationToken ct)
    {
        if (request.Image is { } image)
        {
            var offset = FatImageWriter.FindBootPartition(image);
            var staging = Directory.CreateTempSubdirectory("pineurons-flash-");
            try
            {
                var names = await WriteNodeAsync(request, request.Nodes[0], staging.FullName, ct);
                await FatImageWriter.CopyAsync(image, offset, staging.FullName, ct);
                await output.WriteLineAsync($"{request.Nodes[0].Host}: wrote {string.Join(", ", names)} into the boot partition of {image} (offset {offset})");
            }
            finally
            {
                staging.Delete(recursive: true);
            }

            return;
        }

        foreach (var node in request.Nodes)
        {
            var folder = request.All ? Path.Combine(request.OutFolder!, node.Host) : request.OutFolder!;
            var names = await WriteNodeAsync(request, node, folder, ct);
            await output.WriteLineAsync($"{node.Host}: wrote {string.Join(", ", names)} to {folder}");
        }

        await output.WriteLineAsync("copy each folder's files onto the FAT boot partition of a freshly written Raspberry Pi OS Trixie card, then boot the Pi");
    }

    private static async Task<List<string>> WriteNodeAsync(FlashRequest request, NodeBootSettings node, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var names = new List<string> { FlashCommand.UserData, FlashCommand.MetaData };
        // With an MQTT login, user-data holds the node's password (or its neurons' passwords).
        await WriteAsync(Path.Combine(folder, FlashCommand.UserData), UserDataGenerator.Generate(node), secret: node.HoldsSecret, ct);
        await WriteAsync(Path.Combine(folder, FlashCommand.MetaData), MetaDataGenerator.Generate(node.Host), secret: false, ct);
        if (request.Wifi is { } wifi)
        {
            await WriteAsync(Path.Combine(folder, FlashCommand.NetworkConfig), NetworkConfigGenerator.Generate(wifi), secret: true, ct);
            names.Add(FlashCommand.NetworkConfig);
        }

        if (request.BundleFolder is { } bundle)
        {
            await NodeBundle.WriteAsync(bundle, Path.Combine(folder, UserDataGenerator.BundleFileName), ct);
            names.Add(UserDataGenerator.BundleFileName);
        }

        return names;
    }

    private static async Task WriteAsync(string path, string text, bool secret, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            // network-config holds the Wi-Fi password, user-data the MQTT one: readable by their owner only, until on the card.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(Utf8NoBom.GetBytes(text), ct);
    }
}
