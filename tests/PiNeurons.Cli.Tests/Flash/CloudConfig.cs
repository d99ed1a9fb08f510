using System.Text;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>
/// A user-data file as cloud-init reads it, so tests assert what lands on the Pi (paths, owners, modes, decoded
/// contents, commands) rather than how the YAML happens to be spelled.
/// </summary>
/// <param name="Files">write_files by path.</param>
/// <param name="RunCommands">runcmd, each command as its argument list.</param>
/// <param name="Root">The whole document, for the keys the records above do not cover.</param>
internal sealed record CloudConfig(IReadOnlyDictionary<string, WrittenFile> Files, IReadOnlyList<string[]> RunCommands, YamlMappingNode Root)
{
    public static CloudConfig Parse(string userData)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(userData));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var files = new Dictionary<string, WrittenFile>(StringComparer.Ordinal);
        foreach (var entry in ((YamlSequenceNode)root["write_files"]).Cast<YamlMappingNode>())
        {
            var content = Text(entry, "content") ?? "";
            if (Text(entry, "encoding") == "b64")
            {
                content = Encoding.UTF8.GetString(Convert.FromBase64String(content));
            }

            files.Add(Text(entry, "path")!, new WrittenFile(Text(entry, "owner")!, Text(entry, "permissions")!, content));
        }

        var commands = ((YamlSequenceNode)root["runcmd"])
            .Select(c => c is YamlSequenceNode args ? args.Select(a => ((YamlScalarNode)a).Value!).ToArray() : [((YamlScalarNode)c).Value!])
            .ToList();
        return new CloudConfig(files, commands, root);
    }

    /// <summary>The drop-in's settings: its lines without comments and blank lines.</summary>
    public IReadOnlyList<string> DropInLines(string path) =>
        [.. Files[path].Content.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>The scalar at <paramref name="path"/> (mapping keys from the top), or null when a key is missing.</summary>
    public string? Scalar(params string[] path)
    {
        YamlNode node = Root;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node!))
            {
                return null;
            }
        }

        return ((YamlScalarNode)node).Value;
    }

    /// <summary>The index of <paramref name="command"/> in runcmd, or -1.</summary>
    public int IndexOf(params string[] command) => RunCommands.ToList().FindIndex(c => c.SequenceEqual(command));

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}

/// <summary>One write_files entry.</summary>
internal sealed record WrittenFile(string Owner, string Permissions, string Content);
