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

    /// <summary>Appends <paramref name="entries"/> in order, up to 32 rows per INSERT; returns the last sequence.</summary>
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
        // Many rows per INSERT: the data-plane writer appends thousands of records a second, and the per-statement
        // cost of the driver, not SQLite, dominates single-row inserts.
        using var full = Insert(connection, transaction, Math.Min(RowsPerStatement, entries.Count));
        for (var offset = 0; offset < entries.Count; offset += RowsPerStatement)
        {
            var rows = Math.Min(RowsPerStatement, entries.Count - offset);
            using var partial = rows == full.Rows ? null : Insert(connection, transaction, rows);
            var insert = partial ?? full;
            for (var row = 0; row < rows; row++)
            {
                var entry = entries[offset + row];
                sequence++;
                var hash = AuditChain.Next(previous, sequence, entry);
                insert.Bind(row,
                [
                    sequence, UnixTime.ToMs(entry.At), entry.Action, entry.Actor, entry.Target, entry.SourceAddress, entry.RequestId,
                    entry.Success ? 1 : 0, entry.Detail, previous, hash,
                ]);
                previous = hash;
            }

            insert.Command.ExecuteNonQuery();
        }

        return sequence;
    }

    private const int RowsPerStatement = 32;
    private const int Columns = 11;

    private static InsertCommand Insert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, Columns).Select(c => $"$p{r}_{c}")) + ")");
        command.CommandText =
            "INSERT INTO audit_log (sequence, at, action, actor, target, source_address, request_id, success, detail, prev_hash, hash) VALUES "
            + string.Join(", ", values) + ";";
        var parameters = new SqliteParameter[rows * Columns];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i / Columns}_{i % Columns}" });
        }

        return new InsertCommand(command, parameters, rows);
    }

    private sealed record InsertCommand(SqliteCommand Command, SqliteParameter[] Parameters, int Rows) : IDisposable
    {
        public void Bind(int row, object?[] values)
        {
            for (var c = 0; c < Columns; c++)
            {
                Parameters[(row * Columns) + c].Value = values[c] ?? DBNull.Value;
            }
        }

        public void Dispose() => Command.Dispose();
    }

    private sealed class Tail
    {
        public long Sequence { get; set; }

        public byte[] Hash { get; set; } = [];
    }
}
