using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Metadata.Sqlite.Database;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Manifests;

/// <summary>
/// The body of <see cref="IManifestStore.PutAsync"/>, run inside the caller's IMMEDIATE transaction: the
/// checks and the writes see the same state, so a concurrent collector cannot remove what was checked.
/// </summary>
internal static class ManifestWriter
{
    private const string LinkedSizeSql = """
        SELECT b.size FROM repository_blobs l
        JOIN blobs b ON b.registry_id = $registry AND b.digest = l.digest
        WHERE l.repository_id = $repo AND l.digest = $digest;
        """;

    private const string ManifestExistsSql = "SELECT 1 FROM manifests WHERE repository_id = $repo AND digest = $digest;";

    private const string InsertManifestSql = """
        INSERT INTO manifests (repository_id, digest, media_type, size, content, artifact_type, subject_digest, annotations, created_at)
        VALUES ($repo, $digest, $mediaType, $size, $content, $artifactType, $subject, $annotations, $at)
        ON CONFLICT (repository_id, digest) DO NOTHING;
        """;

    private const string InsertReferenceSql = """
        INSERT INTO manifest_references (repository_id, manifest_digest, child_digest, kind) VALUES ($repo, $manifest, $child, $kind)
        ON CONFLICT DO NOTHING;
        """;

    private const string TouchBlobSql = "UPDATE blobs SET last_used_at = max(last_used_at, $at) WHERE registry_id = $registry AND digest = $child;";

    private const string UpsertTagSql = """
        INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES ($repo, $tag, $digest, $at)
        ON CONFLICT (repository_id, name) DO UPDATE SET manifest_digest = excluded.manifest_digest, updated_at = excluded.updated_at;
        """;

    /// <summary>Checks and, when everything is present, writes; returns what is missing otherwise (having written nothing).</summary>
    public static ManifestPutResult Put(SqliteConnection connection, RepositoryRecord repository, ManifestWrite write)
    {
        var blobs = write.Parsed.RequiredBlobs.DistinctBy(d => (d.Digest, d.Size)).ToList();
        var children = write.Parsed.Manifests.DistinctBy(d => d.Digest).ToList();
        var result = Check(connection, repository, blobs, children);
        if (!result.Succeeded)
        {
            return result;
        }

        var digest = write.Digest.ToString();
        var at = UnixTime.ToMs(write.At);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = InsertManifestSql;
            insert.Parameters.AddWithValue("$repo", repository.Id);
            insert.Parameters.AddWithValue("$digest", digest);
            insert.Parameters.AddWithValue("$mediaType", write.Parsed.MediaType);
            insert.Parameters.AddWithValue("$size", write.Content.LongLength);
            insert.Parameters.AddWithValue("$content", write.Content);
            insert.Parameters.AddWithValue("$artifactType", (object?)write.Parsed.EffectiveArtifactType ?? DBNull.Value);
            insert.Parameters.AddWithValue("$subject", (object?)write.Parsed.Subject?.Digest.ToString() ?? DBNull.Value);
            insert.Parameters.AddWithValue("$annotations", (object?)write.Parsed.AnnotationsJson ?? DBNull.Value);
            insert.Parameters.AddWithValue("$at", at);
            insert.ExecuteNonQuery();
        }

        // References are inserted even when the manifest already existed: the same digest means the same
        // content, so they are already there and ON CONFLICT keeps a repeated push idempotent.
        using (var reference = connection.CreateCommand())
        using (var touch = connection.CreateCommand())
        {
            reference.CommandText = InsertReferenceSql;
            reference.Parameters.AddWithValue("$repo", repository.Id);
            reference.Parameters.AddWithValue("$manifest", digest);
            var child = reference.Parameters.Add("$child", SqliteType.Text);
            var kind = reference.Parameters.Add("$kind", SqliteType.Text);
            touch.CommandText = TouchBlobSql;
            touch.Parameters.AddWithValue("$registry", repository.RegistryId);
            touch.Parameters.AddWithValue("$at", at);
            var touched = touch.Parameters.Add("$child", SqliteType.Text);

            kind.Value = "blob";
            foreach (var blob in blobs)
            {
                child.Value = touched.Value = blob.Digest.ToString();
                reference.ExecuteNonQuery();
                touch.ExecuteNonQuery();
            }

            kind.Value = "manifest";
            foreach (var manifest in children)
            {
                child.Value = manifest.Digest.ToString();
                reference.ExecuteNonQuery();
            }
        }

        if (write.Tag is { } tag)
        {
            using var upsert = connection.CreateCommand();
            upsert.CommandText = UpsertTagSql;
            upsert.Parameters.AddWithValue("$repo", repository.Id);
            upsert.Parameters.AddWithValue("$tag", tag);
            upsert.Parameters.AddWithValue("$digest", digest);
            upsert.Parameters.AddWithValue("$at", at);
            upsert.ExecuteNonQuery();
        }

        return ManifestPutResult.Ok;
    }

    private static ManifestPutResult Check(SqliteConnection connection, RepositoryRecord repository, List<Descriptor> blobs, List<Descriptor> children)
    {
        List<Descriptor>? missingBlobs = null, mismatches = null, missingManifests = null;
        using (var find = connection.CreateCommand())
        {
            find.CommandText = LinkedSizeSql;
            find.Parameters.AddWithValue("$registry", repository.RegistryId);
            find.Parameters.AddWithValue("$repo", repository.Id);
            var digest = find.Parameters.Add("$digest", SqliteType.Text);
            foreach (var blob in blobs)
            {
                digest.Value = blob.Digest.ToString();
                switch (find.ExecuteScalar())
                {
                    case long size when size == blob.Size:
                        break;
                    case long:
                        (mismatches ??= []).Add(blob);
                        break;
                    default:
                        (missingBlobs ??= []).Add(blob);
                        break;
                }
            }
        }

        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = ManifestExistsSql;
            exists.Parameters.AddWithValue("$repo", repository.Id);
            var digest = exists.Parameters.Add("$digest", SqliteType.Text);
            foreach (var child in children)
            {
                digest.Value = child.Digest.ToString();
                if (exists.ExecuteScalar() is null)
                {
                    (missingManifests ??= []).Add(child);
                }
            }
        }

        return missingBlobs is null && mismatches is null && missingManifests is null
            ? ManifestPutResult.Ok
            : new ManifestPutResult(missingBlobs ?? [], missingManifests ?? [], mismatches ?? []);
    }
}
