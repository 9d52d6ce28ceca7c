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

/// <summary>
/// Appends audit rows with their chain hash; the caller holds the write lock (BEGIN IMMEDIATE), so the tail cannot
/// move. The chain continues from the last row, or from the retention anchor when every row has been purged.
/// </summary>
internal static class AuditRows
{
    public static long Append(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry) =>
        AppendAll(connection, transaction, [entry]);

    /// <summary>Appends <paramref name="entries"/> in order with one prepared statement; returns the last sequence.</summary>
    public static long AppendAll(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditEntry> entries)
    {
        var tail = connection.QuerySingleOrDefault<Tail>(
            """
            SELECT sequence AS Sequence, hash AS Hash FROM audit_log WHERE sequence = (SELECT max(sequence) FROM audit_log)
            UNION ALL SELECT sequence, hash FROM audit_anchor WHERE id = 1
            ORDER BY Sequence DESC LIMIT 1;
            """,
            transaction: transaction);
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditChain.Genesis();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO audit_log (sequence, at, action, actor, target, source_address, request_id, success, detail, prev_hash, hash)
            VALUES ($sequence, $at, $action, $actor, $target, $source, $request, $success, $detail, $previous, $hash);
            """;
        var parameters = new[] { "$sequence", "$at", "$action", "$actor", "$target", "$source", "$request", "$success", "$detail", "$previous", "$hash" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        foreach (var entry in entries)
        {
            sequence++;
            var hash = AuditChain.Next(previous, sequence, entry);
            object?[] values =
            [
                sequence, UnixTime.ToMs(entry.At), entry.Action, entry.Actor, entry.Target, entry.SourceAddress, entry.RequestId,
                entry.Success ? 1 : 0, entry.Detail, previous, hash,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
            previous = hash;
        }

        return sequence;
    }

    private sealed class Tail
    {
        public long Sequence { get; set; }

        public byte[] Hash { get; set; } = [];
    }
}
