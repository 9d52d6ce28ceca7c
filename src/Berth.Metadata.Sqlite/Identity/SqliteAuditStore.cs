using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary>
/// <see cref="IAuditStore"/> on the append-only <c>audit_log</c> table (triggers refuse UPDATE, and DELETE of
/// anything not behind <c>audit_anchor</c>), and <see cref="IIdentityVersionStore"/> on <c>identity_state</c>.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore, IIdentityVersionStore
{
    private const string Columns = """
        sequence AS Sequence, at AS At, action AS Action, actor AS Actor, target AS Target, source_address AS SourceAddress,
        request_id AS RequestId, success AS Success, detail AS Detail
        """;

    public Task<long> AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) => AuditRows.Append(c, t, entry)));
    }

    public async Task AppendBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // Its own transaction in this process's write turn, not a group-commit savepoint: a batch is already a
        // group, and the savepoint's statement journal would double the cost of every row.
        using (await database.EnterWriteAsync(ct))
        {
            database.Write((c, t) => AuditRows.AppendAll(c, t, entries));
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<AuditRow>($"SELECT {Columns} FROM audit_log WHERE sequence > @after ORDER BY sequence LIMIT @limit;", new { after, limit });
        return Task.FromResult<IReadOnlyList<AuditEntry>>(rows.Select(r => r.ToEntry()).ToList());
    }

    public Task<IReadOnlyList<AuditRecord>> ReadRecordsAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<AuditRow>(
            $"""
            SELECT {Columns}, prev_hash AS PreviousHash, hash AS Hash FROM audit_log
            WHERE sequence > @after AND at >= @since AND at < @until
            ORDER BY sequence LIMIT @limit;
            """,
            new
            {
                after = query.After,
                limit = query.Limit,
                since = query.Since is { } since ? UnixTime.ToMs(since) : long.MinValue,
                until = query.Until is { } until ? UnixTime.ToMs(until) : long.MaxValue,
            });
        return Task.FromResult<IReadOnlyList<AuditRecord>>(rows.Select(r => new AuditRecord(r.ToEntry(), r.PreviousHash, r.Hash)).ToList());
    }

    public Task<AuditChainState> GetChainStateAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        using var read = c.BeginTransaction(deferred: true);
        var anchor = ReadAnchor(c, read);
        // AUTOINCREMENT keeps the highest sequence ever used in sqlite_sequence: removing records from the end
        // of the log leaves it behind, which verification reports.
        var highest = Math.Max(
            c.ExecuteScalar<long?>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log';", transaction: read) ?? 0,
            c.ExecuteScalar<long?>("SELECT max(sequence) FROM audit_log;", transaction: read) ?? 0);
        return Task.FromResult(new AuditChainState(anchor, Math.Max(highest, anchor?.Sequence ?? 0)));
    }

    public async Task<AuditPurge> PurgeAsync(DateTimeOffset before, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = UnixTime.ToMs(before);
        return await database.WriteAsync((c, t) =>
        {
            // Records are purged as a prefix of the chain: up to, not including, the first one still in retention.
            var firstKept = c.ExecuteScalar<long?>("SELECT min(sequence) FROM audit_log WHERE at >= @cutoff;", new { cutoff }, t);
            var last = firstKept is { } kept
                ? c.QuerySingleOrDefault<AnchorRow>("SELECT sequence AS Sequence, hash AS Hash FROM audit_log WHERE sequence < @kept ORDER BY sequence DESC LIMIT 1;", new { kept }, t)
                : c.QuerySingleOrDefault<AnchorRow>("SELECT sequence AS Sequence, hash AS Hash FROM audit_log ORDER BY sequence DESC LIMIT 1;", transaction: t);
            if (last is null)
            {
                return new AuditPurge(0, ReadAnchor(c, t));
            }

            var removed = c.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE sequence <= @sequence;", new { sequence = last.Sequence }, t);
            c.Execute(
                """
                INSERT INTO audit_anchor (id, sequence, hash, purged_at, purged_count) VALUES (1, @sequence, @hash, @now, @removed)
                ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, purged_at = excluded.purged_at,
                    purged_count = audit_anchor.purged_count + excluded.purged_count;
                """,
                new { sequence = last.Sequence, hash = last.Hash, now = UnixTime.ToMs(now), removed },
                t);
            c.Execute("DELETE FROM audit_log WHERE sequence <= @sequence;", new { sequence = last.Sequence }, t);
            return new AuditPurge(removed, ReadAnchor(c, t));
        }, ct);
    }

    // Read on every poll interval by every process: plain ADO.NET, no mapping.
    public Task<long> GetVersionAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT version FROM identity_state WHERE id = 1;";
        return Task.FromResult(command.ExecuteScalar() is long version ? version : 0);
    }

    private static AuditAnchor? ReadAnchor(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t) =>
        c.QuerySingleOrDefault<AnchorRow>(
            "SELECT sequence AS Sequence, hash AS Hash, purged_at AS PurgedAt, purged_count AS PurgedCount FROM audit_anchor WHERE id = 1;",
            transaction: t) is { } row
            ? new AuditAnchor(row.Sequence, row.Hash, UnixTime.FromMs(row.PurgedAt), row.PurgedCount)
            : null;

    private sealed class AnchorRow
    {
        public long Sequence { get; set; }

        public byte[] Hash { get; set; } = [];

        public long PurgedAt { get; set; }

        public long PurgedCount { get; set; }
    }

    private sealed class AuditRow
    {
        public long Sequence { get; set; }

        public long At { get; set; }

        public string Action { get; set; } = "";

        public string Actor { get; set; } = "";

        public string? Target { get; set; }

        public string? SourceAddress { get; set; }

        public string? RequestId { get; set; }

        public long Success { get; set; }

        public string? Detail { get; set; }

        public byte[] PreviousHash { get; set; } = [];

        public byte[] Hash { get; set; } = [];

        public AuditEntry ToEntry() =>
            new(UnixTime.FromMs(At), Action, Actor, Target, SourceAddress, RequestId, Success != 0, Detail) { Sequence = Sequence };
    }
}
