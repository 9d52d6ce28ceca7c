using Berth.Advisories.Sqlite.Database;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Import;

/// <summary>
/// Stages a run's advisories in a TEMP table of its own connection (spilled to a temp file, so memory stays
/// flat however big the import), then applies them in one IMMEDIATE transaction on commit. Staging writes only
/// the temp database, so readers and other writers of the advisory database are not blocked until commit.
/// </summary>
internal sealed class SqliteImportSession : IAdvisoryImportSession
{
    private const int StageBatch = 1000;
    private readonly AdvisoryDatabase database;
    private readonly TimeProvider time;
    private readonly string origin;
    private readonly ImportSessionOptions options;
    private readonly SqliteConnection connection;
    private readonly SqliteCommand insert;
    private readonly long startedAt;
    private SqliteTransaction? batch;
    private int pending;
    private int staged;
    private bool done;

    private SqliteImportSession(AdvisoryDatabase database, TimeProvider time, string origin, ImportSessionOptions options, SqliteConnection connection)
    {
        this.database = database;
        this.time = time;
        this.origin = origin;
        this.options = options;
        this.connection = connection;
        startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO temp.staged (source, id, json) VALUES ($source, $id, $json);";
        insert.Parameters.Add("$source", SqliteType.Text);
        insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.Add("$json", SqliteType.Blob);
    }

    public static SqliteImportSession Start(AdvisoryDatabase database, TimeProvider time, string origin, ImportSessionOptions options)
    {
        var connection = database.Open();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE IF EXISTS temp.staged;
                DROP TABLE IF EXISTS temp.seen;
                CREATE TEMP TABLE staged (seq INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL, json BLOB NOT NULL);
                CREATE TEMP TABLE seen (pk INTEGER PRIMARY KEY);
                """;
            command.ExecuteNonQuery();
            return new SqliteImportSession(database, time, origin, options, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask AddAsync(Advisory advisory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ObjectDisposedException.ThrowIf(done, this);
        ct.ThrowIfCancellationRequested();
        if (batch is null)
        {
            batch = connection.BeginTransaction(deferred: true);
            insert.Transaction = batch;
        }

        insert.Parameters["$source"].Value = advisory.Source;
        insert.Parameters["$id"].Value = advisory.Id;
        insert.Parameters["$json"].Value = AdvisoryJson.Serialize(advisory);
        insert.ExecuteNonQuery();
        staged++;
        if (++pending >= StageBatch)
        {
            FlushBatch();
        }

        return ValueTask.CompletedTask;
    }

    public async Task<ImportChanges> CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(done, this);
        FlushBatch();
        using var turn = await database.EnterWriteAsync(ct);
        var changes = new ImportApplier(connection, origin, options, staged, startedAt, time).Apply(ct);
        done = true;
        return changes;
    }

    public ValueTask DisposeAsync()
    {
        batch?.Dispose();
        batch = null;
        insert.Dispose();
        try
        {
            // Pooled connections keep TEMP tables: drop them so the next user starts clean.
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE IF EXISTS temp.staged; DROP TABLE IF EXISTS temp.seen;";
            command.ExecuteNonQuery();
        }
        finally
        {
            done = true;
            connection.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void FlushBatch()
    {
        batch?.Commit();
        batch?.Dispose();
        batch = null;
        insert.Transaction = null;
        pending = 0;
    }
}
