using System.Text.Json;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Scanning;

/// <summary><see cref="IScanStore"/> on the <c>scans</c> and <c>scan_packages</c> tables.</summary>
public sealed class SqliteScanStore(SqliteDatabase database) : IScanStore
{
    private const string Columns = """
        r.registry_id AS RegistryId, r.name AS Repository, s.manifest_digest AS Digest, s.status AS Status,
        s.queued_at AS QueuedAt, s.started_at AS StartedAt, s.completed_at AS CompletedAt,
        s.first_completed_at AS FirstCompletedAt, s.error AS Error, s.advisory_version AS AdvisoryVersion,
        s.sboms AS Sboms, s.critical AS Critical, s.high AS High, s.medium AS Medium, s.low AS Low,
        s.unknown AS Unknown, s.pushed_by AS PushedBy
        """;

    private const string RepositoryId = "(SELECT id FROM repositories WHERE registry_id = @RegistryId AND name = @Repository)";

    public async Task<bool> MarkQueuedAsync(ScanTarget target, string? pushedBy, DateTimeOffset at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var changed = await database.WriteAsync((c, t) => c.Execute($"""
            INSERT INTO scans (repository_id, manifest_digest, status, queued_at, pushed_by)
            SELECT m.repository_id, m.digest, 'queued', @At, @PushedBy FROM manifests m
            WHERE m.repository_id = {RepositoryId} AND m.digest = @Digest
            ON CONFLICT (repository_id, manifest_digest) DO UPDATE SET
                status = 'queued', queued_at = excluded.queued_at, error = NULL,
                pushed_by = coalesce(scans.pushed_by, excluded.pushed_by);
            """, Args(target, new { At = UnixTime.ToMs(at), PushedBy = pushedBy }), t), ct);
        return changed > 0;
    }

    public Task MarkRunningAsync(ScanTarget target, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.Execute(
            $"UPDATE scans SET status = 'running', started_at = @At WHERE repository_id = {RepositoryId} AND manifest_digest = @Digest;",
            Args(target, new { At = UnixTime.ToMs(at) }), t), ct);

    public Task CompleteAsync(ScanCompletion completion, CancellationToken ct)
    {
        var target = completion.Target;
        var counts = completion.Counts;
        var args = Args(target, new
        {
            At = UnixTime.ToMs(completion.CompletedAt),
            completion.AdvisoryVersion,
            Sboms = JsonSerializer.Serialize(completion.Sboms.Select(SbomRow.From)),
            counts.Critical,
            counts.High,
            counts.Medium,
            counts.Low,
            counts.Unknown,
            Report = completion.ReportJson,
        });
        return database.WriteAsync((c, t) =>
        {
            var repositoryId = c.ExecuteScalar<long?>(RepositoryId[1..^1] + ";", args, t);
            if (repositoryId is null)
            {
                return 0;
            }

            args.Add("RepositoryId", repositoryId);
            var updated = c.Execute("""
                UPDATE scans SET status = 'completed', completed_at = @At, first_completed_at = coalesce(first_completed_at, @At),
                    error = NULL, advisory_version = @AdvisoryVersion, sboms = @Sboms, critical = @Critical, high = @High,
                    medium = @Medium, low = @Low, unknown = @Unknown, report = @Report, started_at = coalesce(started_at, @At)
                WHERE repository_id = @RepositoryId AND manifest_digest = @Digest;
                """, args, t);
            if (updated == 0)
            {
                return 0;
            }

            var key = new { RepositoryId = repositoryId, Digest = target.Manifest.ToString() };
            c.Execute("DELETE FROM scan_packages WHERE repository_id = @RepositoryId AND manifest_digest = @Digest;", key, t);
            c.Execute(
                "INSERT OR IGNORE INTO scan_packages (repository_id, manifest_digest, ecosystem, name) VALUES (@RepositoryId, @Digest, @Ecosystem, @Name);",
                completion.Packages.Select(p => new { RepositoryId = repositoryId, Digest = target.Manifest.ToString(), p.Ecosystem, p.Name }),
                t);
            return updated;
        }, ct);
    }

    public Task FailAsync(ScanTarget target, string error, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.Execute(
            $"UPDATE scans SET status = 'failed', error = @Error, started_at = coalesce(started_at, @At) WHERE repository_id = {RepositoryId} AND manifest_digest = @Digest;",
            Args(target, new { Error = error, At = UnixTime.ToMs(at) }), t), ct);

    public Task<ScanRecord?> GetAsync(ScanTarget target, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var row = c.QuerySingleOrDefault<ScanRow>(
            $"SELECT {Columns}, s.report AS Report FROM scans s JOIN repositories r ON r.id = s.repository_id WHERE s.repository_id = {RepositoryId} AND s.manifest_digest = @Digest;",
            Args(target, null));
        return Task.FromResult(row?.ToRecord());
    }

    public Task<IReadOnlyList<ScanRecord>> ListAsync(long registryId, string repository, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<ScanRow>(
            $"SELECT {Columns}, NULL AS Report FROM scans s JOIN repositories r ON r.id = s.repository_id WHERE r.registry_id = @RegistryId AND r.name = @Repository ORDER BY s.queued_at DESC, s.manifest_digest;",
            new { RegistryId = registryId, Repository = repository });
        return Task.FromResult<IReadOnlyList<ScanRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    public Task<IReadOnlyList<ScanTarget>> FindByPackagesAsync(IReadOnlyCollection<PackageIndexKey> keys, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var found = new HashSet<ScanTarget>();
        using var c = database.Open();
        foreach (var key in keys)
        {
            var rows = c.Query<(long RegistryId, string Repository, string Digest)>("""
                SELECT r.registry_id, r.name, p.manifest_digest FROM scan_packages p JOIN repositories r ON r.id = p.repository_id
                WHERE p.ecosystem = @Ecosystem AND p.name = @Name;
                """, new { key.Ecosystem, key.Name });
            foreach (var (registryId, repository, digest) in rows)
            {
                found.Add(new ScanTarget(registryId, repository, Digest.Parse(digest)));
            }
        }

        return Task.FromResult<IReadOnlyList<ScanTarget>>(found.ToList());
    }

    public Task<IReadOnlyList<ScanTarget>> ListUnfinishedAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<(long RegistryId, string Repository, string Digest)>("""
            SELECT r.registry_id, r.name, s.manifest_digest FROM scans s JOIN repositories r ON r.id = s.repository_id
            WHERE s.status IN ('queued', 'running') ORDER BY s.queued_at;
            """);
        return Task.FromResult<IReadOnlyList<ScanTarget>>(rows.Select(r => new ScanTarget(r.RegistryId, r.Repository, Digest.Parse(r.Digest))).ToList());
    }

    private static DynamicParameters Args(ScanTarget target, object? extra)
    {
        var p = new DynamicParameters(new { target.RegistryId, target.Repository, Digest = target.Manifest.ToString() });
        if (extra is not null)
        {
            p.AddDynamicParams(extra);
        }

        return p;
    }
}
