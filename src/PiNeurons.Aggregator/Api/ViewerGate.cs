using System.Security.Cryptography;
using System.Text;
using PiNeurons.Aggregator.Hosting;

namespace PiNeurons.Aggregator.Api;

/// <summary>
/// Makes the page, the read API, the stream and the metrics private when a viewer token is configured
/// (the read-only page may be public or not). A browser gets HTTP Basic's login prompt: any
/// user name, the token as the password; it then sends the credentials with the page's own API calls and
/// its event stream, which a bearer header could not do from an address bar. Tools may send the token as
/// a bearer token instead. The operator token opens everything the viewer token opens. <c>/healthz</c>
/// stays open for the Swarm health check.
/// </summary>
internal static class ViewerGate
{
    private const string Realm = "Basic realm=\"PiNeurons\", charset=\"UTF-8\"";

    /// <summary>Adds the gate in front of every endpoint.</summary>
    public static IApplicationBuilder UseViewerGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var settings = http.RequestServices.GetRequiredService<AggregatorSettings>();
        if (settings.ViewerToken is null || http.Request.Path.Equals("/healthz", StringComparison.Ordinal)
            || Presents(http.Request.Headers.Authorization.ToString(), settings.ViewerToken, settings.OperatorToken))
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = Realm;
        await http.Response.WriteAsJsonAsync(
            new ErrorModel("this aggregator is private: log in with the viewer token as the password, or send Authorization: Bearer <token>"),
            ApiJsonContext.Default.ErrorModel);
    });

    private static bool Presents(string header, string viewer, string? @operator)
    {
        var secret = Secret(header);
        return secret is not null && (Same(secret, viewer) || (@operator is not null && Same(secret, @operator)));
    }

    // The token from "Bearer <token>" or from the password of "Basic base64(user:password)".
    private static string? Secret(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[256];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }

    // Constant time, so the comparison does not leak how much of a guess was right.
    private static bool Same(string presented, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));
}
