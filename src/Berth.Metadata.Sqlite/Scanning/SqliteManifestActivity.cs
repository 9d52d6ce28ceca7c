using Berth.Core.Oci;
using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Scanning;

/// <summary><see cref="IManifestActivity"/> on <c>manifests.created_at</c>, <c>manifest_pulls</c> and <c>scan_cursors</c>.</summary>
public sealed class SqliteManifestActivity(SqliteDatabase database) : IManifestActivity
{
    // Image manifests and indexes without a subject: what a scan can inventory (artifacts and referrers cannot).
    // artifact_type holds the effective artifact type: the config's media type for an image, null for an index.
    private const string Scannable = """
        m.subject_digest IS NULL
        AND (m.artifact_type IS NULL OR m.artifact_type IN ('application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json'))
        AND m.media_type IN (
            'application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.index.v1+json',
            'application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.docker.distribution.manifest.list.v2+json')
        """;

    public Task RecordPullsAsync(IReadOnlyCollection<(ScanTarget Target, DateTimeOffset At)> pulls, CancellationToken ct)
    {
        if (pulls.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Relaxed durability: a lost pull time only makes a rescan less likely, never wrong.
        return database.WriteRelaxedAsync((c, t) => c.Execute("""
            INSERT INTO manifest_pulls (repository_id, manifest_digest, last_pulled_at)
            SELECT m.repository_id, m.digest, @At FROM manifests m JOIN repositories r ON r.id = m.repository_id
            WHERE r.registry_id = @RegistryId AND r.name = @Repository AND m.digest = @Digest
            ON CONFLICT (repository_id, manifest_digest) DO UPDATE SET last_pulled_at = max(last_pulled_at, excluded.last_pulled_at);
            """, pulls.Select(p => new { p.Target.RegistryId, p.Target.Repository, Digest = p.Target.Manifest.ToString(), At = UnixTime.ToMs(p.At) }), t), ct);
    }

    public Task<DateTimeOffset?> GetPushedAtAsync(ScanTarget target, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var ms = c.ExecuteScalar<long?>("""
            SELECT m.created_at FROM manifests m JOIN repositories r ON r.id = m.repository_id
            WHERE r.registry_id = @RegistryId AND r.name = @Repository AND m.digest = @Digest;
            """, new { target.RegistryId, target.Repository, Digest = target.Manifest.ToString() });
        return Task.FromResult(ms is { } v ? UnixTime.FromMs(v) : (DateTimeOffset?)null);
    }

    public Task<DateTimeOffset?> GetLastPulledAtAsync(ScanTarget target, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var ms = c.ExecuteScalar<long?>("""
            SELECT p.last_pulled_at FROM manifest_pulls p JOIN repositories r ON r.id = p.repository_id
            WHERE r.registry_id = @RegistryId AND r.name = @Repository AND p.manifest_digest = @Digest;
            """, new { target.RegistryId, target.Repository, Digest = target.Manifest.ToString() });
        return Task.FromResult(ms is { } v ? UnixTime.FromMs(v) : (DateTimeOffset?)null);
    }

    public Task<IReadOnlyList<ScanTarget>> ListInUseAsync(DateTimeOffset pushedSince, DateTimeOffset pulledSince, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<(long RegistryId, string Repository, string Digest)>($"""
            SELECT r.registry_id, r.name, m.digest FROM manifests m JOIN repositories r ON r.id = m.repository_id
            WHERE m.created_at >= @Pushed AND {Scannable}
            UNION
            SELECT r.registry_id, r.name, m.digest FROM manifest_pulls p
            JOIN manifests m ON m.repository_id = p.repository_id AND m.digest = p.manifest_digest
            JOIN repositories r ON r.id = m.repository_id
            WHERE p.last_pulled_at >= @Pulled AND {Scannable};
            """, new { Pushed = UnixTime.ToMs(pushedSince), Pulled = UnixTime.ToMs(pulledSince) });
        return Task.FromResult<IReadOnlyList<ScanTarget>>(rows.Select(r => new ScanTarget(r.RegistryId, r.Repository, Digest.Parse(r.Digest))).ToList());
    }

    public Task<long> GetCursorAsync(string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.ExecuteScalar<long?>("SELECT value FROM scan_cursors WHERE name = @name;", new { name }) ?? 0);
    }

    public Task SetCursorAsync(string name, long value, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.Execute(
            "INSERT INTO scan_cursors (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
            new { name, value }, t), ct);
}
