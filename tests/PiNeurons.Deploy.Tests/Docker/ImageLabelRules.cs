using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>
/// The OCI labels (<c>org.opencontainers.image.*</c>) both images carry, so that <c>docker inspect</c> on a Pi, or a
/// registry's page, says what runs, which version and commit, from where and under which licence. Each rule returns what
/// is wrong (nothing when it holds).
/// </summary>
internal static class ImageLabelRules
{
    public const string Prefix = "org.opencontainers.image.";

    /// <summary>Fixed by the Dockerfile: they say what the image is.</summary>
    public static IReadOnlyList<string> Constant { get; } = ["title", "description", "licenses"];

    /// <summary>Given at build time, each from its build arg: they change with every release or commit, or with where the
    /// code came from (this repository names no public address of its own).</summary>
    public static IReadOnlyDictionary<string, string> FromBuildArg { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["version"] = "VERSION",
        ["revision"] = "REVISION",
        ["source"] = "SOURCE",
    };

    /// <summary>The final stage's labels, last one wins, as Docker applies them.</summary>
    public static IReadOnlyDictionary<string, string> Labels(DockerStage stage)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in stage.All("LABEL").SelectMany(l => ShellWords.Split(l.Arguments)))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                labels[word[..eq]] = word[(eq + 1)..];
            }
        }

        return labels;
    }

    /// <summary>Every label present; the constant ones not empty and the licence the project's; the varying ones read
    /// from their build args, declared in the final stage after its last RUN and COPY, with VERSION defaulting to the
    /// project's version.</summary>
    public static IEnumerable<string> FinalStageIsLabelled(DockerfileModel dockerfile, string version, string license)
    {
        var final = dockerfile.Final;
        var labels = Labels(final);
        foreach (var name in Constant.Where(n => string.IsNullOrWhiteSpace(labels.GetValueOrDefault(Prefix + n))))
        {
            yield return $"{final}: LABEL {Prefix}{name} is missing or empty.";
        }

        if (labels.GetValueOrDefault(Prefix + "licenses") is { Length: > 0 } licenses && licenses != license)
        {
            yield return $"{final}: LABEL {Prefix}licenses=\"{licenses}\", but {BuildProps.FileName} says {license}.";
        }

        // An ARG above a RUN or COPY makes that layer's cache depend on it: a new commit would rebuild it for nothing.
        var lastLayer = final.Instructions.Where(i => i.Keyword is "RUN" or "COPY" or "ADD").Select(i => i.Line).DefaultIfEmpty(0).Max();
        foreach (var (label, arg) in FromBuildArg)
        {
            var value = labels.GetValueOrDefault(Prefix + label);
            if (value != "${" + arg + "}")
            {
                yield return $"{final}: LABEL {Prefix}{label} must be \"${{{arg}}}\" (a build arg), got \"{value}\".";
            }

            var declared = final.All("ARG").FirstOrDefault(a => DockerfileModel.SplitArg(a.Arguments).Name == arg);
            if (declared is null)
            {
                yield return $"{final}: ARG {arg} must be declared in the final stage (a global ARG is not seen by LABEL there).";
            }
            else if (declared.Line < lastLayer)
            {
                yield return $"{declared}: declare ARG {arg} after the final stage's last RUN/COPY (line {lastLayer}), or every new value rebuilds them.";
            }
        }

        if (final.ArgDefault("VERSION") != version)
        {
            yield return $"{final}: ARG VERSION must default to {version}, the <Version> of {BuildProps.FileName}, got {final.ArgDefault("VERSION") ?? "none"}.";
        }
    }
}
