using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Events;
using Dapper;

namespace Berth.Metadata.Sqlite.Blobs;

/// <summary>
/// Blob rows per registry and their links into repositories. A link carries no size of its own: the
/// registry's blob row is the one truth about a digest's size. Unlinking appends a <c>blob_delete</c> event in
/// the same transaction.
/// </summary>
public sealed class SqliteBlobIndex(SqliteDatabase database, OutboxWriter? events = null) : IBlobIndex
{
    private readonly OutboxWriter _events = events ?? OutboxWriter.Detached();

    // Blob HEAD/GET asks this on every request, so it is one indexed join with plain ADO.NET.
    private const string FindLinkedSql = """
        SELECT b.size FROM repository_blobs l
        JOIN repositories r ON r.id = l.repository_id
        JOIN blobs b ON b.registry_id = r.registry_id AND b.digest = l.digest
        WHERE l.repository_id = $repo AND l.digest = $digest;
        """;

    private const string TouchSql = """
        UPDATE blobs SET last_used_at = max(last_used_at, @at) WHERE registry_id = @registryId AND digest = @digest;
        """;

    private const string InsertLinkSql = """
        INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (@repositoryId, @digest, @at)
        ON CONFLICT (repository_id, digest) DO NOTHING;
        """;

    public Task<BlobRecord?> FindLinkedAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = FindLinkedSql;
        command.Parameters.AddWithValue("$repo", repositoryId);
        command.Parameters.AddWithValue("$digest", digest.ToString());
        var size = command.ExecuteScalar();
        return Task.FromResult(size is long s ? new BlobRecord(digest, s) : null);
    }

    public Task<BlobRecord?> FindAsync(long registryId, Digest digest, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var size = connection.ExecuteScalar<long?>(
            "SELECT size FROM blobs WHERE registry_id = @registryId AND digest = @digest;",
            new { registryId, digest = digest.ToString() });
        return Task.FromResult(size is { } s ? new BlobRecord(digest, s) : null);
    }

    public async Task<bool> LinkAsync(RepositoryRecord repository, Digest digest, long size, DateTimeOffset at, long storageLimit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var args = new { registryId = repository.RegistryId, repositoryId = repository.Id, digest = digest.ToString(), size, at = UnixTime.ToMs(at) };
        try
        {
            return await database.WriteAsync((connection, transaction) =>
            {
                // A digest names its content, so an existing row already has this size; only its use is news.
                var added = connection.Execute(
                    """
                    INSERT INTO blobs (registry_id, digest, size, created_at, last_used_at) VALUES (@registryId, @digest, @size, @at, @at)
                    ON CONFLICT (registry_id, digest) DO NOTHING;
                    """,
                    args,
                    transaction) > 0;
                if (!added)
                {
                    connection.Execute(TouchSql, args, transaction);
                }
                else if (storageLimit < long.MaxValue
                    && connection.ExecuteScalar<long>("SELECT storage_bytes FROM registries WHERE id = @registryId;", args, transaction) > storageLimit)
                {
                    // Rolls this write's savepoint back: the blob row and the total's trigger update vanish together.
                    throw new StorageLimitReached();
                }

                connection.Execute(InsertLinkSql, args, transaction);
                return true;
            }, ct);
        }
        catch (StorageLimitReached)
        {
            return false;
        }
    }

    public async Task<bool> LinkExistingAsync(RepositoryRecord repository, Digest digest, DateTimeOffset at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var args = new { registryId = repository.RegistryId, repositoryId = repository.Id, digest = digest.ToString(), at = UnixTime.ToMs(at) };
        var linked = await database.WriteAsync((connection, transaction) =>
        {
            // Touching first both checks the row exists and protects it from a collector running next.
            if (connection.Execute(TouchSql, args, transaction) == 0)
            {
                return false;
            }

            connection.Execute(InsertLinkSql, args, transaction);
            return true;
        }, ct);
        return linked;
    }

    public async Task<bool> UnlinkAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var origin = EventContext.Current;
        var removed = await database.WriteAsync((connection, transaction) =>
        {
            var args = new { repositoryId, digest = digest.ToString() };
            if (connection.Execute("DELETE FROM repository_blobs WHERE repository_id = @repositoryId AND digest = @digest;", args, transaction) == 0)
            {
                return false;
            }

            var (registryId, name) = OutboxWriter.Repository(connection, transaction, repositoryId);
            var size = connection.ExecuteScalar<long?>("SELECT size FROM blobs WHERE registry_id = @registryId AND digest = @digest;", new { registryId, args.digest }, transaction);
            var target = new EventTarget(name, args.digest, Size: size);
            _events.Append(connection, transaction, new NewEvent(registryId, EventActions.BlobDelete, target).WithOrigin(origin));
            return true;
        }, ct);
        if (removed)
        {
            _events.Committed();
        }

        return removed;
    }

    private sealed class StorageLimitReached : Exception
    {
    }
}
