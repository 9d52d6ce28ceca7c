using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Repositories;

/// <summary>Repositories in SQLite. Names compare byte-wise (BINARY collation), matching the OCI lexical order.</summary>
public sealed class SqliteRepositoryStore(SqliteDatabase database, TimeProvider time) : IRepositoryStore
{
    private const string FindSql = "SELECT id FROM repositories WHERE registry_id = $registry AND name = $name;";

    public Task<RepositoryRecord?> FindAsync(long registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Find(registryId, name));
    }

    public async Task<RepositoryRecord> EnsureAsync(long registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Most calls find the repository; reading first keeps them off the single write lock.
        if (Find(registryId, name) is { } found)
        {
            return found;
        }

        // Concurrent creators: one insert wins, the others do nothing, and all read back the same row.
        var id = await database.WriteAsync((connection, transaction) =>
        {
            var args = new { registryId, name, now = UnixTime.ToMs(time.GetUtcNow()) };
            connection.Execute(
                """
                INSERT INTO repositories (registry_id, name, created_at) VALUES (@registryId, @name, @now)
                ON CONFLICT (registry_id, name) DO NOTHING;
                """,
                args,
                transaction);
            return connection.ExecuteScalar<long>(
                "SELECT id FROM repositories WHERE registry_id = @registryId AND name = @name;", args, transaction);
        }, ct);
        return new RepositoryRecord(id, registryId, name);
    }

    public Task<IReadOnlyList<string>> ListAsync(long registryId, string? last, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        using var connection = database.Open();
        var names = last is null
            ? connection.Query<string>(
                "SELECT name FROM repositories WHERE registry_id = @registryId ORDER BY name COLLATE BINARY LIMIT @limit;",
                new { registryId, limit })
            : connection.Query<string>(
                "SELECT name FROM repositories WHERE registry_id = @registryId AND name > @last ORDER BY name COLLATE BINARY LIMIT @limit;",
                new { registryId, last, limit });
        return Task.FromResult<IReadOnlyList<string>>(names.AsList());
    }

    // Every pull resolves its repository first, so this read uses plain ADO.NET rather than Dapper's mapping.
    private RepositoryRecord? Find(long registryId, string name)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = FindSql;
        command.Parameters.AddWithValue("$registry", registryId);
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long id ? new RepositoryRecord(id, registryId, name) : null;
    }
}
