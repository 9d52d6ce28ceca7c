using System.Collections.Concurrent;

namespace Berth.Core.Scanning;

/// <summary>What the gate applies to one repository: its policy (its own, else the registry's) and its allowlist.</summary>
public sealed record EffectiveScanPolicy(ScanPolicySettings Policy, string? PolicyRepository, IReadOnlyList<AllowlistRecord> Allowlist);

/// <summary>
/// Reads and changes scan policies and allowlists, and hands the pull gate the effective policy of a repository
/// from memory. Every change bumps <see cref="Version"/> and drops the cache, so a new policy applies to the next pull
/// in this process; entries are re-read after <see cref="MaxAge"/>, which bounds how long another replica's change
/// takes to apply. Thread-safe.
/// </summary>
public sealed class ScanPolicyService(IScanPolicyStore store, TimeProvider time)
{
    /// <summary>Longest vulnerability id accepted in an allowlist entry.</summary>
    public const int MaxVulnerabilityIdLength = 128;

    /// <summary>How long an effective policy is served from memory.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(long, string), (EffectiveScanPolicy Policy, DateTimeOffset LoadedAt)> _effective = new();
    private long _version;

    /// <summary>Changes whenever a policy or allowlist entry changes in this process.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The policy and allowlist that apply to <paramref name="repository"/>, served from memory after the first read.</summary>
    public async ValueTask<EffectiveScanPolicy> GetEffectiveAsync(long registryId, string repository, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_effective.TryGetValue((registryId, repository), out var cached) && now - cached.LoadedAt < MaxAge)
        {
            return cached.Policy;
        }

        var version = Version;
        var own = await store.GetAsync(registryId, repository, ct);
        var policy = own ?? await store.GetAsync(registryId, null, ct) ?? ScanPolicySettings.Default;
        var allowlist = await store.ListAllowlistAsync(registryId, repository, ct);
        var effective = new EffectiveScanPolicy(policy, own is null ? null : repository, allowlist);
        if (version == Version)
        {
            _effective[(registryId, repository)] = (effective, now);
        }

        return effective;
    }

    /// <summary>The stored policy of the registry or one repository (the registry default when none is stored).</summary>
    public async Task<ScanPolicySettings?> GetAsync(long registryId, string? repository, CancellationToken ct) =>
        await store.GetAsync(registryId, repository, ct) ?? (repository is null ? ScanPolicySettings.Default : null);

    public Task<IReadOnlyList<(string Repository, ScanPolicySettings Policy)>> ListOverridesAsync(long registryId, CancellationToken ct) =>
        store.ListOverridesAsync(registryId, ct);

    /// <summary>
    /// Stores a policy. Turning quarantine on records now as its start: only manifests pushed from then on are
    /// quarantined, so images already in use are not suddenly refused.
    /// </summary>
    public async Task<ScanPolicySettings> SetAsync(long registryId, string? repository, bool quarantine, GateSeverity gate, bool onlyFixable, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var current = await store.GetAsync(registryId, repository, ct);
        DateTimeOffset? since = !quarantine ? null : current is { Quarantine: true, QuarantineSince: { } s } ? s : now;
        var policy = new ScanPolicySettings(quarantine, since, gate, onlyFixable, now);
        await store.SetAsync(registryId, repository, policy, ct);
        Changed();
        return policy;
    }

    /// <summary>Removes a repository's own policy (the registry's applies again); false when it had none.</summary>
    public async Task<bool> DeleteAsync(long registryId, string repository, CancellationToken ct)
    {
        var deleted = await store.DeleteAsync(registryId, repository, ct);
        Changed();
        return deleted;
    }

    public Task<IReadOnlyList<AllowlistRecord>> ListAllowlistAsync(long registryId, string? repository, CancellationToken ct) =>
        store.ListAllowlistAsync(registryId, repository, ct);

    /// <summary>Adds (or renews) an entry. Returns null with a reason when the id or expiry is unusable.</summary>
    public async Task<(AllowlistRecord? Entry, string? Invalid)> AddAllowlistAsync(
        long registryId, string vulnerabilityId, string? repository, DateTimeOffset? expiresAt, string? reason, string createdBy, CancellationToken ct)
    {
        var id = vulnerabilityId?.Trim() ?? "";
        if (id.Length == 0 || id.Length > MaxVulnerabilityIdLength || id.Any(char.IsWhiteSpace))
        {
            return (null, $"vulnerabilityId must be a CVE or advisory id (1-{MaxVulnerabilityIdLength} characters, no spaces)");
        }

        var now = time.GetUtcNow();
        if (expiresAt is { } e && e <= now)
        {
            return (null, "expiresAt must be in the future");
        }

        var entry = await store.AddAllowlistAsync(registryId, new AllowlistRecord(0, id, repository, expiresAt, reason, now, createdBy), ct);
        Changed();
        return (entry, null);
    }

    public async Task<bool> RemoveAllowlistAsync(long registryId, long id, CancellationToken ct)
    {
        var removed = await store.RemoveAllowlistAsync(registryId, id, ct);
        Changed();
        return removed;
    }

    private void Changed()
    {
        Interlocked.Increment(ref _version);
        _effective.Clear();
    }
}
