using System.Data.Common;
using System.Text;

namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// The reads both stores share. The SQL is plain enough (named @parameters, LIMIT, a quoted "from") to run
/// unchanged on SQLite and PostgreSQL, so the two stores cannot drift apart on filters or paging.
/// </summary>
internal static class EventRows
{
    /// <summary>The counters columns, in the order <see cref="ReadCounters"/> expects.</summary>
    public const string CounterColumns = "neuron, events, kicks, fires, refractory, errors, last_seq, missing_seqs, last_seen";

    private const string Select = "SELECT id, neuron, seq, type, \"from\", at, hop, reason, received, payload FROM events";

    /// <summary>Fills <paramref name="command"/> with one page of <see cref="IEventStore.QueryAsync"/>.</summary>
    public static void PrepareQuery(DbCommand command, EventQuery query)
    {
        var sql = new StringBuilder(Select).Append(" WHERE 1 = 1");
        if (query.Neuron is { } neuron)
        {
            sql.Append(" AND neuron = @neuron");
            AddParameter(command, "@neuron", neuron);
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND type = @type");
            AddParameter(command, "@type", type);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND at >= @since");
            AddParameter(command, "@since", since.ToUnixTimeMilliseconds());
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND at < @until");
            AddParameter(command, "@until", until.ToUnixTimeMilliseconds());
        }

        if (query.BeforeId is { } beforeId)
        {
            sql.Append(" AND id < @before");
            AddParameter(command, "@before", beforeId);
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        AddParameter(command, "@limit", ClampLimit(query.Limit));
        command.CommandText = sql.ToString();
    }

    /// <summary>Fills <paramref name="command"/> with the live tail read of <see cref="IEventStore.ReadAfterAsync"/>.</summary>
    public static void PrepareReadAfter(DbCommand command, long afterId, int limit)
    {
        command.CommandText = Select + " WHERE id > @after ORDER BY id LIMIT @limit";
        AddParameter(command, "@after", afterId);
        AddParameter(command, "@limit", ClampLimit(limit));
    }

    /// <summary>Runs a command made by this class and maps every row.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(DbCommand command, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                new IncomingEvent(
                    Neuron: reader.GetString(1),
                    Seq: reader.GetInt64(2),
                    Type: reader.GetString(3),
                    From: reader.IsDBNull(4) ? null : reader.GetString(4),
                    At: FromUnixMs(reader.GetInt64(5)),
                    Hop: reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    Reason: reader.IsDBNull(7) ? null : reader.GetString(7),
                    ReceivedAt: FromUnixMs(reader.GetInt64(8)),
                    Payload: reader.GetString(9))));
        }

        return events;
    }

    /// <summary>Times are stored as unix milliseconds in both stores, so the duplicate key means the same thing in each.</summary>
    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>A page is never empty by request and never larger than <see cref="EventQuery.MaxLimit"/>.</summary>
    public static int ClampLimit(int limit) => Math.Clamp(limit, 1, EventQuery.MaxLimit);

    /// <summary>The counters row, read the same way from either store.</summary>
    public static NeuronCounters ReadCounters(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        FromUnixMs(reader.GetInt64(8)));

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
