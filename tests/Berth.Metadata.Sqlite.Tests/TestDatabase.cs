using System.Text;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Blobs;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Events;
using Berth.Metadata.Sqlite.Gc;
using Berth.Metadata.Sqlite.Manifests;
using Berth.Metadata.Sqlite.Repositories;
using Berth.Metadata.Sqlite.Uploads;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Tests;

/// <summary>A fresh database file in its own temp directory, with every store over it.</summary>
public sealed class TestDatabase : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TestDatabase(string synchronous = "FULL")
    {
        Directory = Path.Combine(Path.GetTempPath(), "berth-sqlite-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Directory, "nested", "metadata.db");
        Database = new SqliteDatabase(new SqliteMetadataOptions { DataFile = FilePath, Synchronous = synchronous });
        Repositories = new SqliteRepositoryStore(Database, TimeProvider.System);
        Events = new OutboxWriter(TimeProvider.System, Signal);
        Outbox = new SqliteEventOutbox(Database, Events, TimeProvider.System);
        Blobs = new SqliteBlobIndex(Database, Events);
        Manifests = new SqliteManifestStore(Database, Events);
        Uploads = new SqliteUploadStore(Database);
        Garbage = new SqliteGarbageIndex(Database);
    }

    public string Directory { get; }

    public string FilePath { get; }

    public SqliteDatabase Database { get; }

    public EventSignal Signal { get; } = new();

    public OutboxWriter Events { get; }

    public SqliteEventOutbox Outbox { get; }

    public SqliteRepositoryStore Repositories { get; }

    public SqliteBlobIndex Blobs { get; }

    public SqliteManifestStore Manifests { get; }

    public SqliteUploadStore Uploads { get; }

    public SqliteGarbageIndex Garbage { get; }

    public static CancellationToken Ct => CancellationToken.None;

    /// <summary>A connection for assertions on raw rows.</summary>
    public SqliteConnection Raw() => Database.Open();

    public long Scalar(string sql, object? args = null)
    {
        using var c = Raw();
        return c.ExecuteScalar<long>(sql, args);
    }

    public string? Text(string sql, object? args = null)
    {
        using var c = Raw();
        return c.ExecuteScalar<string>(sql, args);
    }

    public long AddRegistry(string name)
    {
        using var c = Raw();
        return c.ExecuteScalar<long>("INSERT INTO registries (name, created_at) VALUES (@name, 0) RETURNING id;", new { name });
    }

    public Task<RepositoryRecord> Repo(string name, long registryId = 1) => Repositories.EnsureAsync(registryId, name, Ct);

    /// <summary>Links a new blob with the given content into the repository and returns its descriptor.</summary>
    public async Task<Descriptor> Blob(RepositoryRecord repo, string content, DateTimeOffset? at = null, string mediaType = "application/vnd.oci.image.layer.v1.tar")
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var d = new Descriptor(mediaType, Digest.Compute(bytes), bytes.Length);
        await Blobs.LinkAsync(repo, d.Digest, d.Size, at ?? T0, long.MaxValue, Ct);
        return d;
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(Database.ConnectionString));
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not a test failure.
        }
    }
}
