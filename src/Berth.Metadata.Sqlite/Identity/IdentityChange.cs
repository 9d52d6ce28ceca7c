using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary>
/// What every identity write does inside its transaction: append its audit entry (extending the hash chain) and
/// bump the identity version, so the change, its record and the cache invalidation commit or fail together.
/// </summary>
internal static class IdentityChange
{
    public static void Record(SqliteConnection connection, SqliteTransaction transaction, AuditEntry audit)
    {
        AuditRows.Append(connection, transaction, audit);
        connection.Execute("UPDATE identity_state SET version = version + 1 WHERE id = 1;", transaction: transaction);
    }
}

/// <summary>Appends audit rows with their chain hash; the caller holds the write lock (BEGIN IMMEDIATE), so the tail cannot move.</summary>
internal static class AuditRows
{
    public static long Append(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry)
    {
        var tail = connection.QuerySingleOrDefault<Tail>(
            "SELECT sequence AS Sequence, hash AS Hash FROM audit_log ORDER BY sequence DESC LIMIT 1;", transaction: transaction);
        var sequence = (tail?.Sequence ?? 0) + 1;
        var previous = tail?.Hash ?? AuditChain.Genesis();
        var hash = AuditChain.Next(previous, sequence, entry);
        connection.Execute(
            """
            INSERT INTO audit_log (sequence, at, action, actor, target, source_address, request_id, success, detail, prev_hash, hash)
            VALUES (@sequence, @at, @action, @actor, @target, @sourceAddress, @requestId, @success, @detail, @previous, @hash);
            """,
            new
            {
                sequence,
                at = UnixTime.ToMs(entry.At),
                action = entry.Action,
                actor = entry.Actor,
                target = entry.Target,
                sourceAddress = entry.SourceAddress,
                requestId = entry.RequestId,
                success = entry.Success ? 1 : 0,
                detail = entry.Detail,
                previous,
                hash,
            },
            transaction);
        return sequence;
    }

    private sealed class Tail
    {
        public long Sequence { get; set; }

        public byte[] Hash { get; set; } = [];
    }
}
