using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Gc;

/// <summary>
/// The collector's queries. Each deletion is one DELETE whose WHERE clause is the whole safety condition,
/// evaluated inside an IMMEDIATE transaction, so a push committed before it is seen and one after it
/// finds the row gone and reports it missing.
/// </summary>
public sealed class SqliteGarbageIndex(SqliteDatabase database) : IGarbageIndex
{
    // Kept: tagged manifests, children of an index in the same repository, and referrers (signatures,
    // SBOMs) whose subject is still there. SQLite evaluates the WHERE clause for all rows before deleting
    // any, so a referrer whose subject goes in this pass is collected in the next one.
    private const string UntaggedManifestsSql = """
        DELETE FROM manifests AS m
        WHERE m.created_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.repository_id = m.repository_id AND t.manifest_digest = m.digest)
          AND NOT EXISTS (SELECT 1 FROM manifest_references r
                          WHERE r.repository_id = m.repository_id AND r.kind = 'manifest' AND r.child_digest = m.digest)
          AND (m.subject_digest IS NULL
               OR NOT EXISTS (SELECT 1 FROM manifests s WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest));
        """;

    // Besides the link's own age, the blob's last use must be old too: an upload or mount of a blob that is
    // already linked refreshes only the blob row, and its manifest may still be on its way.
    private const string UnreferencedLinksCondition = """
        l.created_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM manifest_references r
                          WHERE r.repository_id = l.repository_id AND r.kind = 'blob' AND r.child_digest = l.digest)
          AND NOT EXISTS (SELECT 1 FROM repositories p JOIN blobs b ON b.registry_id = p.registry_id AND b.digest = l.digest
                          WHERE p.id = l.repository_id AND b.last_used_at >= @cutoff)
        """;

    private const string UnlinkedBlobCondition = """
        b.last_used_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM repository_blobs l JOIN repositories p ON p.id = l.repository_id
                          WHERE l.digest = b.digest AND p.registry_id = b.registry_id)
        """;

    public async Task<int> DeleteUntaggedManifestsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var args = new { cutoff = UnixTime.ToMs(cutoff) };
        int total = 0, deleted;

        // One transaction per pass keeps each hold on the write lock short.
        while ((deleted = await database.WriteAsync((connection, transaction) => connection.Execute(UntaggedManifestsSql, args, transaction), ct)) > 0)
        {
            total += deleted;
            ct.ThrowIfCancellationRequested();
        }

        return total;
    }

    public async Task<int> DeleteUnreferencedLinksAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var args = new { cutoff = UnixTime.ToMs(cutoff) };
        return await database.WriteAsync((connection, transaction) =>
            connection.Execute($"DELETE FROM repository_blobs AS l WHERE {UnreferencedLinksCondition};", args, transaction), ct);
    }

    // One entry per digest: the stored object is shared by every registry holding the digest.
    private const string UnlinkedBlobsSql = $"SELECT b.digest, max(b.size) FROM blobs AS b WHERE {UnlinkedBlobCondition} GROUP BY b.digest ORDER BY b.digest LIMIT @limit;";

    public Task<IReadOnlyList<BlobRecord>> ListUnlinkedBlobsAsync(DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<BlobRecord>>([]);
        }

        using var connection = database.Open();
        var rows = connection.Query<(string Digest, long Size)>(UnlinkedBlobsSql, new { cutoff = UnixTime.ToMs(cutoff), limit });
        return Task.FromResult<IReadOnlyList<BlobRecord>>(rows.Select(r => new BlobRecord(Digest.Parse(r.Digest), r.Size)).ToList());
    }

    public async Task<GarbagePreview> PreviewAsync(DateTimeOffset cutoff, bool untaggedManifests, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var args = new { cutoff = UnixTime.ToMs(cutoff), limit = -1 };
        using var turn = await database.EnterWriteAsync(ct);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        int untagged = 0, deleted;
        while (untaggedManifests && (deleted = connection.Execute(UntaggedManifestsSql, args, transaction)) > 0)
        {
            untagged += deleted;
        }

        var links = connection.Execute($"DELETE FROM repository_blobs AS l WHERE {UnreferencedLinksCondition};", args, transaction);
        var blobs = connection.Query<(string Digest, long Size)>(UnlinkedBlobsSql, args, transaction)
            .Select(r => new BlobRecord(Digest.Parse(r.Digest), r.Size))
            .ToList();
        transaction.Rollback();
        return new GarbagePreview(untagged, links, blobs);
    }

    public async Task<bool> DeleteBlobIfUnlinkedAsync(Digest digest, DateTimeOffset cutoff, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var args = new { digest = digest.ToString(), cutoff = UnixTime.ToMs(cutoff) };
        var gone = await database.WriteAsync((connection, transaction) =>
        {
            connection.Execute($"DELETE FROM blobs AS b WHERE b.digest = @digest AND {UnlinkedBlobCondition};", args, transaction);
            return !connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM blobs WHERE digest = @digest);", args, transaction);
        }, ct);
        return gone;
    }

    public Task<bool> IsKnownAsync(Digest digest, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM blobs WHERE digest = @digest);", new { digest = digest.ToString() }));
    }
}
