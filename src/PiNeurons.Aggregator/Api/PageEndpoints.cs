namespace PiNeurons.Aggregator.Api;

/// <summary>A file of the live page: where it is served, its resource in the assembly, its content type.</summary>
internal sealed record PageFile(string Path, string Resource, string ContentType);

/// <summary>
/// The live page: every file of Page/wwwroot compiled into the assembly, so no wwwroot is needed on disk.
/// index.html is served at <c>/</c>, the others beside it under their own names (the stylesheet and the
/// JavaScript modules, which import each other by relative URL). Behind the viewer gate like everything but
/// <c>/healthz</c>.
/// </summary>
internal static class PageEndpoints
{
    private const string Prefix = "page/";

    /// <summary>Every file of the page, found in the assembly's resources, so a new module needs no list kept by hand.</summary>
    internal static IReadOnlyList<PageFile> Files { get; } = Find();

    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var file in Files)
        {
            var bytes = Load(file.Resource);
            app.MapGet(file.Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return TypedResults.Bytes(bytes, file.ContentType);
            });
        }
    }

    private static PageFile[] Find() =>
        [.. typeof(PageEndpoints).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r =>
            {
                var name = r[Prefix.Length..].Replace('\\', '/');
                return new PageFile(name == "index.html" ? "/" : "/" + name, r, ContentType(name));
            })];

    // Module scripts run only when served with a JavaScript type, so a file of a type not listed fails loudly here.
    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => throw new InvalidOperationException($"page/{name}: the page serves .html, .js and .css files; give this kind its content type in PageEndpoints"),
    };

    private static byte[] Load(string resource)
    {
        using var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is listed but cannot be read");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
