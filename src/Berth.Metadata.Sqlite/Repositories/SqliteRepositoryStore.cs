using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Repositories;

/// <summary>Repositories in SQLite. Names compare byte-wise (BINARY collation), matching the OCI lexical order.</summary>
public sealed class SqliteRepositoryStore(SqliteDatabase database, TimeProvider time) : IRepositoryStore
{
    private const string SelectSql = "SELECT id, registry_id AS RegistryId, name FROM repositories WHERE registry_id = @registryId AND name = @name;";

    public Task<RepositoryRecord?> FindAsync(long registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(connection.QuerySingleOrDefault<RepositoryRecord>(SelectSql, new { registryId, name }));
    }

    public Task<RepositoryRecord> EnsureAsync(long registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Most calls find the repository; reading first keeps them off the single write lock.
        using (var connection = database.Open())
        {
            var found = connection.QuerySingleOrDefault<RepositoryRecord>(SelectSql, new { registryId, name });
            if (found is not null)
            {
                return Task.FromResult(found);
            }
        }

        // Concurrent creators: one insert wins, the others do nothing, and all read back the same row.
        var created = database.Write((connection, transaction) =>
        {
            connection.Execute(
                """
                INSERT INTO repositories (registry_id, name, created_at) VALUES (@registryId, @name, @now)
                ON CONFLICT (registry_id, name) DO NOTHING;
                """,
                new { registryId, name, now = UnixTime.ToMs(time.GetUtcNow()) },
                transaction);
            return connection.QuerySingle<RepositoryRecord>(SelectSql, new { registryId, name }, transaction);
        });
        return Task.FromResult(created);
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
}
