using System.Text.Json.Serialization;

namespace PiNeurons.Aggregator.Api;

/// <summary>The optional body of <c>POST /api/neurons/{id}/kick</c>.</summary>
/// <param name="From">Who kicks: a neuron id, or null for an external kick.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record KickBody(string? From);
