using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Events;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Manifests;

/// <summary>
/// Manifests, tags and referrers in SQLite. Deleting a manifest cascades (foreign keys) to its references
/// and to every tag pointing at it. Every change appends its event (push, delete, untag) to the outbox in the
/// same transaction, with the request and actor of <see cref="EventContext.Current"/>.
/// </summary>
public sealed class SqliteManifestStore(SqliteDatabase database, OutboxWriter? events = null) : IManifestStore
{
    private readonly OutboxWriter _events = events ?? OutboxWriter.Detached();

    // Pull by tag is the product's hottest path: one indexed join, read with plain ADO.NET.
    private const string ByTagSql = """
        SELECT m.digest, m.media_type, m.content, m.subject_digest FROM tags t
        JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest
        WHERE t.repository_id = $repo AND t.name = $key;
        """;

    private const string ByDigestSql = """
        SELECT m.digest, m.media_type, m.content, m.subject_digest FROM manifests m
        WHERE m.repository_id = $repo AND m.digest = $key;
        """;

    public Task<ManifestRecord?> GetAsync(long repositoryId, Digest digest, CancellationToken ct) =>
        Task.FromResult(ReadOne(ByDigestSql, repositoryId, digest.ToString(), ct));

    public Task<ManifestRecord?> GetByTagAsync(long repositoryId, string tag, CancellationToken ct) =>
        Task.FromResult(ReadOne(ByTagSql, repositoryId, tag, ct));

    public async Task<ManifestPutResult> PutAsync(RepositoryRecord repository, ManifestWrite write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var turn = await database.EnterWriteAsync(ct);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = ManifestWriter.Put(connection, repository, write);
        if (!result.Succeeded)
        {
            transaction.Rollback();
            return result;
        }

        var target = new EventTarget(repository.Name, write.Digest.ToString(), write.Parsed.MediaType, write.Content.LongLength, write.Tag);
        _events.Append(connection, transaction, new NewEvent(repository.RegistryId, EventActions.Push, target).WithOrigin(EventContext.Current));
        transaction.Commit();
        _events.Committed();
        return result;
    }

    public async Task<bool> DeleteAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var origin = EventContext.Current;
        var deleted = await database.WriteAsync((connection, transaction) =>
        {
            var row = connection.QuerySingleOrDefault<RemovedRow>(
                "DELETE FROM manifests WHERE repository_id = @repositoryId AND digest = @digest RETURNING digest AS Digest, media_type AS MediaType, size AS Size;",
                new { repositoryId, digest = digest.ToString() },
                transaction);
            if (row is not { } removed)
            {
                return false;
            }

            var (registryId, name) = OutboxWriter.Repository(connection, transaction, repositoryId);
            var target = new EventTarget(name, digest.ToString(), removed.MediaType, removed.Size);
            _events.Append(connection, transaction, new NewEvent(registryId, EventActions.Delete, target).WithOrigin(origin));
            return true;
        }, ct);
        if (deleted)
        {
            _events.Committed();
        }

        return deleted;
    }

    public async Task<bool> UntagAsync(long repositoryId, string tag, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var origin = EventContext.Current;
        var deleted = await database.WriteAsync((connection, transaction) =>
        {
            var row = connection.QuerySingleOrDefault<RemovedRow>(
                """
                SELECT t.manifest_digest AS Digest, m.media_type AS MediaType, m.size AS Size FROM tags t
                JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest
                WHERE t.repository_id = @repositoryId AND t.name = @tag;
                """,
                new { repositoryId, tag },
                transaction);
            if (row is not { } untagged)
            {
                return false;
            }

            connection.Execute("DELETE FROM tags WHERE repository_id = @repositoryId AND name = @tag;", new { repositoryId, tag }, transaction);
            var (registryId, name) = OutboxWriter.Repository(connection, transaction, repositoryId);
            var target = new EventTarget(name, untagged.Digest, untagged.MediaType, untagged.Size, tag);
            _events.Append(connection, transaction, new NewEvent(registryId, EventActions.Untag, target).WithOrigin(origin));
            return true;
        }, ct);
        if (deleted)
        {
            _events.Committed();
        }

        return deleted;
    }

    public Task<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? last, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        using var connection = database.Open();
        var names = last is null
            ? connection.Query<string>(
                "SELECT name FROM tags WHERE repository_id = @repositoryId ORDER BY name COLLATE BINARY LIMIT @limit;",
                new { repositoryId, limit })
            : connection.Query<string>(
                "SELECT name FROM tags WHERE repository_id = @repositoryId AND name > @last ORDER BY name COLLATE BINARY LIMIT @limit;",
                new { repositoryId, last, limit });
        return Task.FromResult<IReadOnlyList<string>>(names.AsList());
    }

    public Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, Digest subject, string? artifactType, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var rows = connection.Query<ReferrerRow>(
            """
            SELECT digest, media_type AS MediaType, size, artifact_type AS ArtifactType, annotations AS AnnotationsJson
            FROM manifests
            WHERE repository_id = @repositoryId AND subject_digest = @subject AND (@artifactType IS NULL OR artifact_type = @artifactType)
            ORDER BY created_at, digest;
            """,
            new { repositoryId, subject = subject.ToString(), artifactType });
        var referrers = rows.Select(r => new ReferrerRecord(Digest.Parse(r.Digest), r.MediaType, r.Size, r.ArtifactType, r.AnnotationsJson)).ToList();
        return Task.FromResult<IReadOnlyList<ReferrerRecord>>(referrers);
    }

    private ManifestRecord? ReadOne(string sql, long repositoryId, string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter("$repo", repositoryId));
        command.Parameters.Add(new SqliteParameter("$key", key));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var subject = reader.IsDBNull(3) ? (Digest?)null : Digest.Parse(reader.GetString(3));
        return new ManifestRecord(Digest.Parse(reader.GetString(0)), reader.GetString(1), reader.GetFieldValue<byte[]>(2), subject);
    }

    private sealed record RemovedRow(string Digest, string MediaType, long Size);

    private sealed record ReferrerRow(string Digest, string MediaType, long Size, string? ArtifactType, string? AnnotationsJson);
}
