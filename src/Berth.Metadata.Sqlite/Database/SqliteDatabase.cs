using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Hands out open, configured connections to one SQLite database and runs its schema migrations the
/// first time one is asked for. Thread-safe; share one instance per database file.
/// </summary>
public sealed class SqliteDatabase
{
    // Pragmas such as synchronous, foreign_keys and busy_timeout belong to the native connection, which
    // Microsoft.Data.Sqlite pools across SqliteConnection objects. Remembering which native handles are
    // configured keeps the hot read path free of a pragma round trip on every open.
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<sqlite3, object> configured = [];
    private readonly string pragmas;
    private readonly Lock migrateLock = new();
    private volatile bool migrated;

    // SQLite has one writer. Queueing writers here, asynchronously, keeps thread-pool threads free while they
    // wait; busy_timeout still covers writers in other processes.
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly GroupCommit groupCommit;
    private readonly GroupCommit relaxedCommit;

    public SqliteDatabase(SqliteMetadataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var synchronous = options.Synchronous.Trim().ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL"))
        {
            throw new ArgumentException($"Synchronous must be FULL or NORMAL, not '{options.Synchronous}'", nameof(options));
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("BusyTimeout must not be negative", nameof(options));
        }

        groupCommit = new GroupCommit(this, writeGate);
        relaxedCommit = new GroupCommit(this, writeGate, "PRAGMA synchronous=NORMAL;", $"PRAGMA synchronous={synchronous};");
        var busyMs = (long)options.BusyTimeout.TotalMilliseconds;
        ConnectionString = BuildConnectionString(options);
        pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyMs};";
    }

    /// <summary>The effective connection string (pooling on, command timeout from the busy timeout).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates or upgrades the schema now instead of on first use (for example at startup).</summary>
    public void EnsureMigrated()
    {
        if (migrated)
        {
            return;
        }

        lock (migrateLock)
        {
            if (migrated)
            {
                return;
            }

            using var connection = OpenConfigured();
            SchemaMigrator.Migrate(connection, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            migrated = true;
        }
    }

    /// <summary>An open connection with this database's pragmas applied; the caller disposes it.</summary>
    internal SqliteConnection Open()
    {
        EnsureMigrated();
        return OpenConfigured();
    }

    /// <summary>Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction and commits it.</summary>
    /// <remarks>
    /// IMMEDIATE takes the write lock up front, so concurrent writers queue on busy_timeout instead of
    /// failing with SQLITE_BUSY when a deferred read transaction tries to upgrade.
    /// </remarks>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Like <see cref="Write{T}"/>, queued behind this process's other writers without blocking a thread, and
    /// committed together with the writes queued beside it (<see cref="GroupCommit"/>).
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct) =>
        groupCommit.RunAsync(work, ct);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/> for state that may be lost on power loss without harm (upload sessions:
    /// the client restarts the upload): committed with <c>synchronous=NORMAL</c>, so it survives a process crash
    /// but costs no fsync of its own. The next durable commit makes it durable too.
    /// </summary>
    internal Task<T> WriteRelaxedAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct) =>
        relaxedCommit.RunAsync(work, ct);

    /// <summary>Holds this process's write turn for a caller that manages its own transaction; dispose to release.</summary>
    internal async Task<IDisposable> EnterWriteAsync(CancellationToken ct)
    {
        await writeGate.WaitAsync(ct);
        return new WriteTurn(writeGate);
    }

    private sealed class WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private SqliteConnection OpenConfigured()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle!;
            if (!configured.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragmas;
                command.ExecuteNonQuery();
                configured.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string BuildConnectionString(SqliteMetadataOptions options)
    {
        SqliteConnectionStringBuilder builder;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        else if (!string.IsNullOrWhiteSpace(options.DataFile))
        {
            var path = Path.GetFullPath(options.DataFile);
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate };
        }
        else
        {
            throw new ArgumentException("SqliteMetadataOptions needs a ConnectionString or a DataFile");
        }

        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        return builder.ToString();
    }
}
