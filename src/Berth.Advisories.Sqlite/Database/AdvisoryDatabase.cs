using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Database;

/// <summary>
/// Hands out open, configured connections to the advisory database and migrates it on first use.
/// Thread-safe; share one instance per file.
/// </summary>
public sealed class AdvisoryDatabase
{
    private readonly string pragmas;
    private readonly Lock migrateLock = new();
    private volatile bool migrated;

    // One importer commits at a time in this process; busy_timeout covers other processes.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public AdvisoryDatabase(SqliteAdvisoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataFile, nameof(options));
        var synchronous = options.Synchronous.Trim().ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL"))
        {
            throw new ArgumentException($"Synchronous must be FULL or NORMAL, not '{options.Synchronous}'", nameof(options));
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("BusyTimeout must not be negative", nameof(options));
        }

        var path = Path.GetFullPath(options.DataFile);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DataFile = path;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds};";
    }

    public string DataFile { get; }

    public string ConnectionString { get; }

    /// <summary>Creates or upgrades the schema now instead of on first use.</summary>
    public void EnsureMigrated()
    {
        if (migrated)
        {
            return;
        }

        lock (migrateLock)
        {
            if (!migrated)
            {
                using var connection = OpenConfigured();
                AdvisorySchema.Migrate(connection, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                migrated = true;
            }
        }
    }

    /// <summary>An open connection with the pragmas applied; the caller disposes it.</summary>
    internal SqliteConnection Open()
    {
        EnsureMigrated();
        return OpenConfigured();
    }

    /// <summary>Holds this process's write turn; dispose to release.</summary>
    internal async Task<IDisposable> EnterWriteAsync(CancellationToken ct)
    {
        await writeGate.WaitAsync(ct);
        return new WriteTurn(writeGate);
    }

    private SqliteConnection OpenConfigured()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
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
}
