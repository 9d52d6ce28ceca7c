using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class SchemaTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void First_open_creates_the_schema_and_records_each_migration_once()
    {
        db.Database.EnsureMigrated();
        db.Database.EnsureMigrated();

        Assert.True(File.Exists(db.FilePath));
        Assert.Equal(Migrations.Steps.Count, db.Scalar("SELECT count(*) FROM schema_version;"));
        Assert.Equal(Migrations.Steps.Count, db.Scalar("SELECT max(version) FROM schema_version;"));
        Assert.Equal("default", db.Text("SELECT name FROM registries WHERE id = 1;"));
        foreach (var table in new[] { "registries", "repositories", "blobs", "repository_blobs", "manifests", "manifest_references", "tags", "uploads" })
        {
            Assert.Equal(1, db.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table;", new { table }));
        }
    }

    [Fact]
    public async Task Reopening_an_existing_database_keeps_data_and_does_not_migrate_again()
    {
        var repo = await db.Repo("library/alpine");
        var appliedAt = db.Scalar("SELECT applied_at FROM schema_version WHERE version = 1;");

        var again = new SqliteDatabase(new SqliteMetadataOptions { DataFile = db.FilePath });
        var found = await new Repositories.SqliteRepositoryStore(again, TimeProvider.System).FindAsync(1, "library/alpine", TestDatabase.Ct);

        Assert.Equal(repo, found);
        using var connection = again.Open();
        Assert.Equal(0, SchemaMigrator.Migrate(connection, 42));
        Assert.Equal(Migrations.Steps.Count, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_version;"));
        Assert.Equal(appliedAt, connection.ExecuteScalar<long>("SELECT applied_at FROM schema_version WHERE version = 1;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM registries;"));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused()
    {
        db.Database.EnsureMigrated();
        using (var c = db.Raw())
        {
            c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, 0);", new { v = Migrations.Steps.Count + 1 });
        }

        var newer = new SqliteDatabase(new SqliteMetadataOptions { DataFile = db.FilePath });
        var e = Assert.Throws<InvalidOperationException>(newer.EnsureMigrated);
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FULL", 2)]
    [InlineData("normal", 1)]
    public void Connections_use_wal_foreign_keys_busy_timeout_and_the_configured_synchronous_mode(string synchronous, long expected)
    {
        using var custom = new TestDatabase(synchronous);
        using var c = custom.Raw();

        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(expected, c.ExecuteScalar<long>("PRAGMA synchronous;"));
        Assert.Equal(1, c.ExecuteScalar<long>("PRAGMA foreign_keys;"));
        Assert.Equal(30000, c.ExecuteScalar<long>("PRAGMA busy_timeout;"));
        Assert.Contains("Pooling=True", custom.Database.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Pooled_connections_keep_their_pragmas_across_opens()
    {
        for (var i = 0; i < 5; i++)
        {
            using var c = db.Raw();
            Assert.Equal(1, c.ExecuteScalar<long>("PRAGMA foreign_keys;"));
        }
    }

    [Theory]
    [InlineData("OFF")]
    [InlineData("FULL; DROP TABLE blobs")]
    public void Unknown_synchronous_modes_are_rejected(string synchronous) =>
        Assert.Throws<ArgumentException>(() => new SqliteDatabase(new SqliteMetadataOptions { DataFile = db.FilePath, Synchronous = synchronous }));

    [Fact]
    public void Options_need_a_file_or_a_connection_string() =>
        Assert.Throws<ArgumentException>(() => new SqliteDatabase(new SqliteMetadataOptions()));

    [Fact]
    public void A_connection_string_is_honoured_and_pooling_forced()
    {
        var path = Path.Combine(db.Directory, "other.db");
        var database = new SqliteDatabase(new SqliteMetadataOptions { ConnectionString = $"Data Source={path};Pooling=False" });
        database.EnsureMigrated();

        Assert.True(File.Exists(path));
        Assert.True(new SqliteConnectionStringBuilder(database.ConnectionString).Pooling);
        SqliteConnection.ClearPool(new SqliteConnection(database.ConnectionString));
    }
}
