using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary>
/// <see cref="IAuditStore"/> on the append-only <c>audit_log</c> table (triggers refuse UPDATE and DELETE), and
/// <see cref="IIdentityVersionStore"/> on <c>identity_state</c>.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore, IIdentityVersionStore
{
    public Task<long> AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) => AuditRows.Append(c, t, entry)));
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<AuditRow>(
            """
            SELECT sequence AS Sequence, at AS At, action AS Action, actor AS Actor, target AS Target, source_address AS SourceAddress,
                   request_id AS RequestId, success AS Success, detail AS Detail
            FROM audit_log WHERE sequence > @after ORDER BY sequence LIMIT @limit;
            """,
            new { after, limit });
        return Task.FromResult<IReadOnlyList<AuditEntry>>(rows.Select(r => r.ToEntry()).ToList());
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

        public AuditEntry ToEntry() =>
            new(UnixTime.FromMs(At), Action, Actor, Target, SourceAddress, RequestId, Success != 0, Detail) { Sequence = Sequence };
    }
}
