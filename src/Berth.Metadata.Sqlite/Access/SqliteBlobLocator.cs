using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Access;

/// <summary>Repositories linking a blob, via the <c>repository_blobs_by_digest</c> index.</summary>
public sealed class SqliteBlobLocator(SqliteDatabase database) : IBlobLocator
{
    public Task<IReadOnlyList<string>> ListRepositoriesAsync(long registryId, Digest digest, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        using var connection = database.Open();
        var names = connection.Query<string>(
            """
            SELECT r.name FROM repository_blobs l JOIN repositories r ON r.id = l.repository_id
            WHERE l.digest = @digest AND r.registry_id = @registryId ORDER BY r.name LIMIT @limit;
            """,
            new { registryId, digest = digest.ToString(), limit });
        return Task.FromResult<IReadOnlyList<string>>(names.ToList());
    }
}
