using System.Globalization;
using System.Text;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>One Server-Sent Event as a client sees it.</summary>
public sealed record SseMessage(string? Id, string Event, string Data);

/// <summary>A minimal SSE client over HttpClient: reads the stream line by line into messages.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseReader> OpenAsync(HttpClient http, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var sse = new SseReader(response, reader);
        // The server writes a comment as soon as it has subscribed: after it, nothing published is missed.
        while (await reader.ReadLineAsync(sse._cts.Token) is { } line && line != ": connected")
        {
        }

        return sse;
    }

    public async Task<SseMessage> NextAsync(Func<SseMessage, bool> match)
    {
        while (true)
        {
            var message = await ReadAsync();
            if (match(message))
            {
                return message;
            }
        }
    }

    private async Task<SseMessage> ReadAsync()
    {
        string? id = null;
        var name = "message";
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(_cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new SseMessage(id, name, data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Append(value); break;
            }
        }

        throw new EndOfStreamException("the stream ended");
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _cts.Dispose();
    }
}
