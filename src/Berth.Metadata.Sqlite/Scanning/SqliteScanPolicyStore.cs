using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Scanning;

/// <summary><see cref="IScanPolicyStore"/> on <c>scan_policies</c> and <c>scan_allowlist</c> (repository '' = registry-wide).</summary>
public sealed class SqliteScanPolicyStore(SqliteDatabase database) : IScanPolicyStore
{
    private const string PolicyColumns = "repository AS Repository, quarantine AS Quarantine, quarantine_since AS QuarantineSince, gate_severity AS GateSeverity, gate_only_fixable AS OnlyFixable, updated_at AS UpdatedAt";
    private const string EntryColumns = "id AS Id, vulnerability_id AS VulnerabilityId, repository AS Repository, expires_at AS ExpiresAt, reason AS Reason, created_at AS CreatedAt, created_by AS CreatedBy";

    public Task<ScanPolicySettings?> GetAsync(long registryId, string? repository, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var row = c.QuerySingleOrDefault<PolicyRow>(
            $"SELECT {PolicyColumns} FROM scan_policies WHERE registry_id = @registryId AND repository = @repository;",
            new { registryId, repository = repository ?? "" });
        return Task.FromResult(row?.ToPolicy());
    }

    public Task<IReadOnlyList<(string Repository, ScanPolicySettings Policy)>> ListOverridesAsync(long registryId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<PolicyRow>(
            $"SELECT {PolicyColumns} FROM scan_policies WHERE registry_id = @registryId AND repository <> '' ORDER BY repository;",
            new { registryId });
        return Task.FromResult<IReadOnlyList<(string, ScanPolicySettings)>>(rows.Select(r => (r.Repository, r.ToPolicy())).ToList());
    }

    public Task SetAsync(long registryId, string? repository, ScanPolicySettings policy, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.Execute("""
            INSERT INTO scan_policies (registry_id, repository, quarantine, quarantine_since, gate_severity, gate_only_fixable, updated_at)
            VALUES (@registryId, @repository, @quarantine, @since, @gate, @onlyFixable, @updated)
            ON CONFLICT (registry_id, repository) DO UPDATE SET quarantine = excluded.quarantine,
                quarantine_since = excluded.quarantine_since, gate_severity = excluded.gate_severity,
                gate_only_fixable = excluded.gate_only_fixable, updated_at = excluded.updated_at;
            """, new
        {
            registryId,
            repository = repository ?? "",
            quarantine = policy.Quarantine ? 1 : 0,
            since = policy.QuarantineSince is { } s ? UnixTime.ToMs(s) : (long?)null,
            gate = policy.Gate == GateSeverity.Off ? null : policy.Gate.ToString(),
            onlyFixable = policy.OnlyFixable ? 1 : 0,
            updated = UnixTime.ToMs(policy.UpdatedAt),
        }, t), ct);

    public async Task<bool> DeleteAsync(long registryId, string repository, CancellationToken ct) =>
        await database.WriteAsync((c, t) => c.Execute(
            "DELETE FROM scan_policies WHERE registry_id = @registryId AND repository = @repository AND repository <> '';",
            new { registryId, repository }, t), ct) > 0;

    public Task<IReadOnlyList<AllowlistRecord>> ListAllowlistAsync(long registryId, string? repository, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var filter = repository is null ? "" : "AND repository IN ('', @repository)";
        var rows = c.Query<EntryRow>(
            $"SELECT {EntryColumns} FROM scan_allowlist WHERE registry_id = @registryId {filter} ORDER BY vulnerability_id, repository;",
            new { registryId, repository });
        return Task.FromResult<IReadOnlyList<AllowlistRecord>>(rows.Select(r => r.ToEntry()).ToList());
    }

    public Task<AllowlistRecord> AddAllowlistAsync(long registryId, AllowlistRecord entry, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.QuerySingle<EntryRow>($"""
            INSERT INTO scan_allowlist (registry_id, repository, vulnerability_id, expires_at, reason, created_at, created_by)
            VALUES (@registryId, @repository, @id, @expires, @reason, @created, @by)
            ON CONFLICT (registry_id, repository, vulnerability_id) DO UPDATE SET expires_at = excluded.expires_at,
                reason = excluded.reason, created_at = excluded.created_at, created_by = excluded.created_by
            RETURNING {EntryColumns};
            """, new
        {
            registryId,
            repository = entry.Repository ?? "",
            id = entry.VulnerabilityId,
            expires = entry.ExpiresAt is { } e ? UnixTime.ToMs(e) : (long?)null,
            reason = entry.Reason,
            created = UnixTime.ToMs(entry.CreatedAt),
            by = entry.CreatedBy,
        }, t).ToEntry(), ct);

    public async Task<bool> RemoveAllowlistAsync(long registryId, long id, CancellationToken ct) =>
        await database.WriteAsync((c, t) => c.Execute(
            "DELETE FROM scan_allowlist WHERE registry_id = @registryId AND id = @id;", new { registryId, id }, t), ct) > 0;

    private sealed class PolicyRow
    {
        public string Repository { get; set; } = "";

        public long Quarantine { get; set; }

        public long? QuarantineSince { get; set; }

        public string? GateSeverity { get; set; }

        public long OnlyFixable { get; set; }

        public long UpdatedAt { get; set; }

        public ScanPolicySettings ToPolicy() => new(
            Quarantine != 0,
            QuarantineSince is { } s ? UnixTime.FromMs(s) : null,
            GateSeverity is null ? Core.Scanning.GateSeverity.Off : Enum.Parse<Core.Scanning.GateSeverity>(GateSeverity),
            OnlyFixable != 0,
            UnixTime.FromMs(UpdatedAt));
    }

    private sealed class EntryRow
    {
        public long Id { get; set; }

        public string VulnerabilityId { get; set; } = "";

        public string Repository { get; set; } = "";

        public long? ExpiresAt { get; set; }

        public string? Reason { get; set; }

        public long CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public AllowlistRecord ToEntry() => new(
            Id,
            VulnerabilityId,
            Repository.Length == 0 ? null : Repository,
            ExpiresAt is { } e ? UnixTime.FromMs(e) : null,
            Reason,
            UnixTime.FromMs(CreatedAt),
            CreatedBy);
    }
}
