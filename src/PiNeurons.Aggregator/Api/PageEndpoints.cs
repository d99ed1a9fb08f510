namespace PiNeurons.Aggregator.Api;

/// <summary>The live page: three files compiled into the assembly, so no wwwroot is needed on disk.</summary>
internal static class PageEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "page/index.html", "text/html; charset=utf-8"),
        ("/app.js", "page/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "page/app.css", "text/css; charset=utf-8"),
    ];

    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Load(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return bytes is null
                    ? ReadEndpoints.Error(StatusCodes.Status404NotFound, $"{resource} is not built into this aggregator")
                    : TypedResults.Bytes(bytes, contentType);
            });
        }
    }

    private static byte[]? Load(string resource)
    {
        using var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
