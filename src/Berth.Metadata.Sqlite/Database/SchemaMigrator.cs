using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Applies <see cref="Migrations.Steps"/> that a database has not seen yet, recording each in
/// <c>schema_version</c>. Safe when several processes open the same file at once: the check and the
/// steps run inside one IMMEDIATE transaction, so exactly one of them applies each step.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Brings the schema up to date; returns how many steps were applied now.</summary>
    public static int Migrate(SqliteConnection connection, long nowMs)
    {
        // WAL is a property of the file, not the connection, and cannot change inside a transaction.
        // In-memory databases answer "memory" and keep working without it.
        connection.ExecuteScalar<string>("PRAGMA journal_mode=WAL;");

        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);",
            transaction: transaction);
        var current = connection.ExecuteScalar<long>("SELECT coalesce(max(version), 0) FROM schema_version;", transaction: transaction);
        if (current > Migrations.Steps.Count)
        {
            throw new InvalidOperationException(
                $"the metadata database has schema version {current}, newer than this build knows ({Migrations.Steps.Count}); upgrade Berth");
        }

        var applied = 0;
        for (var version = (int)current + 1; version <= Migrations.Steps.Count; version++)
        {
            connection.Execute(Migrations.Steps[version - 1], new { now = nowMs }, transaction);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @now);",
                new { version, now = nowMs },
                transaction);
            applied++;
        }

        transaction.Commit();
        return applied;
    }
}
