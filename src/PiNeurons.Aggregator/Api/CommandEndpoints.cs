using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PiNeurons.Aggregator.Hosting;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Api;

/// <summary>
/// <c>POST /api/neurons/{id}/kick|fire|set|teach</c>: publish the command on the neuron's topic at QoS 1.
/// Guarded by the operator token when one is configured.
/// </summary>
internal static class CommandEndpoints
{
    public static void MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        var commands = app.MapGroup("/api/neurons/{id}").AddEndpointFilter(RequireOperatorAsync);
        commands.MapPost("/kick", async Task<IResult> (string id, HttpRequest request, AggregatorSettings settings, MqttIngest mqtt, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return TooLarge();
            }

            var payload = Array.Empty<byte>();
            if (body.Length > 0)
            {
                KickBody? kick;
                try
                {
                    kick = JsonSerializer.Deserialize(body, ApiJsonContext.Default.KickBody);
                }
                catch (JsonException ex)
                {
                    return ReadEndpoints.Error(StatusCodes.Status400BadRequest, $"the body must be empty or {{\"from\":\"<neuron id>\"}}: {ex.Message}");
                }

                if (kick?.From is { } from)
                {
                    if (!NeuronId.IsValid(from))
                    {
                        return ReadEndpoints.Error(StatusCodes.Status400BadRequest, $"from '{from}' is not a neuron id ({NeuronId.Rule})");
                    }

                    payload = Encoding.UTF8.GetBytes(from);
                }
            }

            return await PublishAsync(mqtt, settings.Topics.For(id).Kick, payload, ct);
        });

        commands.MapPost("/fire", (string id, AggregatorSettings settings, MqttIngest mqtt, CancellationToken ct) =>
            PublishAsync(mqtt, settings.Topics.For(id).Fire, Array.Empty<byte>(), ct));

        commands.MapPost("/set", async Task<IResult> (string id, HttpRequest request, AggregatorSettings settings, MqttIngest mqtt, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return TooLarge();
            }

            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return ReadEndpoints.Error(StatusCodes.Status400BadRequest, "the body must be a JSON object: a merge patch of the neuron's config, e.g. {\"threshold\":2}");
                }
            }
            catch (JsonException ex)
            {
                return ReadEndpoints.Error(StatusCodes.Status400BadRequest, $"the body is not JSON: {ex.Message}");
            }

            // The neuron validates the patch itself and answers a bad one with an error event.
            return await PublishAsync(mqtt, settings.Topics.For(id).Set, body, ct);
        });

        commands.MapPost("/teach", async Task<IResult> (string id, HttpRequest request, AggregatorSettings settings, MqttIngest mqtt, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return TooLarge();
            }

            if (TeachBody.Parse(body, out var error) is not { } target)
            {
                return ReadEndpoints.Error(StatusCodes.Status400BadRequest, error ?? $"the body must be {TeachBody.Expected}");
            }

            // Published in the one JSON form, whatever spelling of the number the request used.
            return await PublishAsync(mqtt, settings.Topics.For(id).Teach, Encoding.UTF8.GetBytes(target == 1 ? "{\"target\":1}" : "{\"target\":0}"), ct);
        });
    }

    private static async ValueTask<object?> RequireOperatorAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<AggregatorSettings>();
        if (settings.OperatorToken is { } token && !Authorized(http.Request.Headers.Authorization.ToString(), token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ReadEndpoints.Error(StatusCodes.Status401Unauthorized, "this command needs the operator token: send Authorization: Bearer <token>");
        }

        var id = http.Request.RouteValues["id"] as string;
        if (!NeuronId.IsValid(id))
        {
            return ReadEndpoints.Error(StatusCodes.Status400BadRequest, $"'{id}' is not a neuron id ({NeuronId.Rule})");
        }

        return await next(context);
    }

    private static bool Authorized(string header, string token)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant time, so the comparison does not leak how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    private static async Task<IResult> PublishAsync(MqttIngest mqtt, string topic, byte[] payload, CancellationToken ct)
    {
        try
        {
            await mqtt.PublishAsync(topic, payload, ct);
            return TypedResults.Json(new CommandModel(topic), ApiJsonContext.Default.CommandModel, statusCode: StatusCodes.Status202Accepted);
        }
        catch (InvalidOperationException ex)
        {
            return ReadEndpoints.Error(StatusCodes.Status503ServiceUnavailable, $"not published: {ex.Message}");
        }
    }

    /// <summary>The body, or null when it is larger than a neuron accepts.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > ProtocolLimits.MaxPayloadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ProtocolLimits.MaxPayloadBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge() =>
        ReadEndpoints.Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than a neuron accepts ({ProtocolLimits.MaxPayloadBytes} bytes)");
}
