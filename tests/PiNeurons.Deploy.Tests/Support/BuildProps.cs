using System.Xml.Linq;

namespace PiNeurons.Deploy.Tests.Support;

/// <summary>The settings of Directory.Build.props that the deployment files repeat (the version an image and the stack
/// are tagged with, the licence an image declares), read from the checkout so a bump there fails every file left behind.</summary>
internal static class BuildProps
{
    public const string FileName = "Directory.Build.props";

    private static readonly Lazy<XDocument> Props = new(() => XDocument.Parse(RepoRoot.ReadAllText(FileName)));

    /// <summary>The project's version, <c>&lt;Version&gt;</c>.</summary>
    public static string Version => Property("Version");

    /// <summary>The SPDX licence expression, <c>&lt;PackageLicenseExpression&gt;</c>.</summary>
    public static string License => Property("PackageLicenseExpression");

    private static string Property(string name) =>
        Props.Value.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? throw new InvalidOperationException($"{FileName} sets no <{name}>.");
}
