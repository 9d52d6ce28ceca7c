namespace Berth.Core.Scanning;

/// <summary>The gate's threshold: pulls of images with a finding at or above it are refused. <see cref="Off"/>: no gate.</summary>
public enum GateSeverity
{
    Off,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// A registry's (or one repository's) scan policy. <see cref="QuarantineSince"/> is when quarantine was last turned
/// on: only manifests pushed from then on are quarantined.
/// </summary>
public sealed record ScanPolicySettings(bool Quarantine, DateTimeOffset? QuarantineSince, GateSeverity Gate, bool OnlyFixable, DateTimeOffset UpdatedAt)
{
    public static ScanPolicySettings Default { get; } = new(false, null, GateSeverity.Off, false, DateTimeOffset.UnixEpoch);
}

/// <summary>
/// A vulnerability the gate ignores until <see cref="ExpiresAt"/> (never when null), registry-wide when
/// <see cref="Repository"/> is null.
/// </summary>
public sealed record AllowlistRecord(long Id, string VulnerabilityId, string? Repository, DateTimeOffset? ExpiresAt, string? Reason, DateTimeOffset CreatedAt, string CreatedBy)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt is not { } expires || expires > now;

    public bool AppliesTo(string repository) => Repository is null || string.Equals(Repository, repository, StringComparison.Ordinal);
}

/// <summary>
/// Scan policies and allowlists. Thread-safe; writes are single transactions. A repository of null means the
/// registry's own policy. Throws only for cancellation and storage failures.
/// </summary>
public interface IScanPolicyStore
{
    /// <summary>The stored policy of the registry (repository null) or of one repository; null when none is stored.</summary>
    Task<ScanPolicySettings?> GetAsync(long registryId, string? repository, CancellationToken ct);

    /// <summary>Every repository that has its own policy.</summary>
    Task<IReadOnlyList<(string Repository, ScanPolicySettings Policy)>> ListOverridesAsync(long registryId, CancellationToken ct);

    Task SetAsync(long registryId, string? repository, ScanPolicySettings policy, CancellationToken ct);

    /// <summary>Removes a repository's own policy; false when it had none.</summary>
    Task<bool> DeleteAsync(long registryId, string repository, CancellationToken ct);

    /// <summary>Allowlist entries of the registry (all of them, or those of one repository plus the registry-wide ones).</summary>
    Task<IReadOnlyList<AllowlistRecord>> ListAllowlistAsync(long registryId, string? repository, CancellationToken ct);

    /// <summary>Adds an entry, or updates expiry and reason of the same (vulnerability, repository) entry.</summary>
    Task<AllowlistRecord> AddAllowlistAsync(long registryId, AllowlistRecord entry, CancellationToken ct);

    /// <summary>Removes an entry by id; false when the registry has no such entry.</summary>
    Task<bool> RemoveAllowlistAsync(long registryId, long id, CancellationToken ct);
}
