using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Database;

/// <summary>
/// The advisory database schema, applied step by step and recorded in <c>schema_version</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>import_run</c>: one row per committed import (its id is the change-feed cursor).</item>
/// <item><c>source</c>: last import and last change per source.</item>
/// <item><c>advisory</c>: one row per (source, id): the origin (path or URL) that last supplied it, the content
/// hash, dates as Unix milliseconds, the header JSON (advisory without affected and details) and the details.</item>
/// <item><c>affected</c>: one row per affected entry, indexed by (ecosystem, name_key), with its JSON.</item>
/// <item><c>package_change</c>: the package keys each run changed, for re-matching only affected images.</item>
/// </list>
/// </remarks>
internal static class AdvisorySchema
{
    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE import_run (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE source (
            name TEXT PRIMARY KEY,
            last_import_id INTEGER NOT NULL,
            last_import_at INTEGER NOT NULL,
            last_changed_at INTEGER) WITHOUT ROWID;
        CREATE TABLE advisory (
            pk INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            origin TEXT NOT NULL,
            hash BLOB NOT NULL,
            published INTEGER,
            modified INTEGER,
            withdrawn INTEGER,
            header BLOB NOT NULL,
            details TEXT,
            changed_in INTEGER NOT NULL,
            UNIQUE (source, id));
        CREATE INDEX advisory_origin ON advisory (origin);
        CREATE TABLE affected (
            advisory_pk INTEGER NOT NULL REFERENCES advisory (pk) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            ecosystem TEXT NOT NULL,
            name_key TEXT NOT NULL,
            entry BLOB NOT NULL,
            PRIMARY KEY (advisory_pk, ordinal)) WITHOUT ROWID;
        CREATE INDEX affected_package ON affected (ecosystem, name_key);
        CREATE TABLE package_change (
            import_id INTEGER NOT NULL,
            ecosystem TEXT NOT NULL,
            name_key TEXT NOT NULL,
            PRIMARY KEY (import_id, ecosystem, name_key)) WITHOUT ROWID;
        """,
    ];

    /// <summary>Brings the schema up to date inside one IMMEDIATE transaction (safe across processes).</summary>
    public static void Migrate(SqliteConnection connection, long nowMs)
    {
        connection.ExecuteScalar<string>("PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);",
            transaction: transaction);
        var current = connection.ExecuteScalar<long>("SELECT coalesce(max(version), 0) FROM schema_version;", transaction: transaction);
        if (current > Steps.Count)
        {
            throw new InvalidOperationException(
                $"the advisory database has schema version {current}, newer than this build knows ({Steps.Count}); upgrade Berth");
        }

        for (var version = (int)current + 1; version <= Steps.Count; version++)
        {
            connection.Execute(Steps[version - 1], transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@version, @now);", new { version, now = nowMs }, transaction);
        }

        transaction.Commit();
    }
}
