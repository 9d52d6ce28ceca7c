using Berth.Core.Events;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Events;

/// <summary>
/// <see cref="IEventOutbox"/> on the <c>events</c> and <c>event_cursors</c> tables. SQLite has one writer, so ids
/// commit in order and a reader after a cursor never misses an event committed later with a lower id.
/// </summary>
public sealed class SqliteEventOutbox(SqliteDatabase database, OutboxWriter writer, TimeProvider time) : IEventOutbox
{
    // Purges run in slices so the single write lock is never held long. The newest event always stays: ids are
    // rowids (max + 1), so keeping the maximum keeps them from ever being reused.
    private const int PurgeSlice = 5000;

    private const string ReadSql = """
        SELECT id AS Id, registry_id AS RegistryId, created_at AS CreatedAt, action AS Action, repository AS Repository,
               digest AS Digest, media_type AS MediaType, size AS Size, tag AS Tag, request_id AS RequestId,
               request_host AS RequestHost, request_method AS RequestMethod, user_agent AS UserAgent, actor AS Actor, data AS Data
        FROM events WHERE id > @afterId ORDER BY id LIMIT @limit;
        """;

    public async Task<long> AppendAsync(NewEvent newEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(newEvent);
        var withOrigin = newEvent.WithOrigin(EventContext.Current);
        var id = await database.WriteAsync((c, t) => writer.Append(c, t, withOrigin), ct);
        writer.Committed();
        return id;
    }

    public Task<IReadOnlyList<RegistryEvent>> ReadAsync(long afterId, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<RegistryEvent>>([]);
        }

        using var connection = database.Open();
        var rows = connection.Query<EventRow>(ReadSql, new { afterId, limit });
        return Task.FromResult<IReadOnlyList<RegistryEvent>>(rows.Select(r => r.ToEvent()).ToList());
    }

    public Task<long> OpenCursorAsync(string consumer, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var now = UnixTime.ToMs(time.GetUtcNow());
        return database.WriteAsync((c, t) =>
        {
            c.Execute(
                "INSERT INTO event_cursors (consumer, last_event_id, updated_at) VALUES (@consumer, 0, @now) ON CONFLICT (consumer) DO NOTHING;",
                new { consumer, now },
                t);
            return c.ExecuteScalar<long>("SELECT last_event_id FROM event_cursors WHERE consumer = @consumer;", new { consumer }, t);
        }, ct);
    }

    // A cursor lost to power loss only means events handed again (at least once), so it costs no fsync of its own.
    public Task AdvanceCursorAsync(string consumer, long eventId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var now = UnixTime.ToMs(time.GetUtcNow());
        return database.WriteRelaxedAsync((c, t) => c.Execute(
            """
            INSERT INTO event_cursors (consumer, last_event_id, updated_at) VALUES (@consumer, @eventId, @now)
            ON CONFLICT (consumer) DO UPDATE SET last_event_id = max(last_event_id, excluded.last_event_id), updated_at = excluded.updated_at;
            """,
            new { consumer, eventId, now },
            t), ct);
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var args = new { cutoff = UnixTime.ToMs(cutoff), slice = PurgeSlice };
        int total = 0, deleted;
        do
        {
            ct.ThrowIfCancellationRequested();
            deleted = await database.WriteAsync((c, t) => c.Execute(
                """
                DELETE FROM events WHERE id IN (
                    SELECT id FROM events
                    WHERE id <= coalesce((SELECT min(last_event_id) FROM event_cursors), 9223372036854775807) AND created_at < @cutoff
                      AND id < (SELECT max(id) FROM events)
                    ORDER BY id LIMIT @slice);
                """,
                args,
                t), ct);
            total += deleted;
        }
        while (deleted == PurgeSlice);

        return total;
    }

    private sealed class EventRow
    {
        public long Id { get; set; }

        public long RegistryId { get; set; }

        public long CreatedAt { get; set; }

        public string Action { get; set; } = "";

        public string Repository { get; set; } = "";

        public string? Digest { get; set; }

        public string? MediaType { get; set; }

        public long? Size { get; set; }

        public string? Tag { get; set; }

        public string? RequestId { get; set; }

        public string? RequestHost { get; set; }

        public string? RequestMethod { get; set; }

        public string? UserAgent { get; set; }

        public string? Actor { get; set; }

        public string? Data { get; set; }

        public RegistryEvent ToEvent()
        {
            var request = RequestId is null && RequestHost is null && RequestMethod is null && UserAgent is null
                ? null
                : new EventRequest(RequestId, RequestHost, RequestMethod, UserAgent);
            return new RegistryEvent(Id, RegistryId, UnixTime.FromMs(CreatedAt), Action, new EventTarget(Repository, Digest, MediaType, Size, Tag), request, Actor, Data);
        }
    }
}
