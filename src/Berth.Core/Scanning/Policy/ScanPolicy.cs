namespace Berth.Core.Scanning.Policy;

/// <summary>
/// A registry's (or one repository's) scanning policy: quarantine of new pushes, the pull gate, and the allowlist.
/// </summary>
/// <remarks>Immutable; lists are never null. <see cref="Combine"/> gives the policy that applies to one repository.</remarks>
public sealed record ScanPolicy
{
    /// <summary>The policy of a registry that has none: no quarantine, no gate, empty allowlist.</summary>
    public static ScanPolicy None { get; } = new();

    /// <summary>New pushes cannot be pulled (except by their pusher, AcrImageSigner and Owner) until their first scan completes.</summary>
    public bool QuarantineNewPushes { get; init; }

    /// <summary>The pull gate; null when pulls are never refused for findings.</summary>
    public PullGate? Gate { get; init; }

    /// <summary>Vulnerability ids the gate ignores.</summary>
    public IReadOnlyList<AllowlistEntry> Allowlist { get; init; } = [];

    /// <summary>
    /// The policy for <paramref name="repository"/>: the repository's own policy, when it has one, replaces the
    /// registry's quarantine flag and gate; allowlists add up — the registry's entries (those without a
    /// repository, or naming this one) and all of the repository policy's entries (scoped to it).
    /// </summary>
    public static ScanPolicy Combine(ScanPolicy registry, ScanPolicy? repositoryPolicy, string repository)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        var allowlist = registry.Allowlist.Where(e => e.AppliesTo(repository))
            .Concat((repositoryPolicy?.Allowlist ?? []).Select(e => e with { Repository = repository }))
            .ToArray();
        var chosen = repositoryPolicy ?? registry;
        return new ScanPolicy { QuarantineNewPushes = chosen.QuarantineNewPushes, Gate = chosen.Gate, Allowlist = allowlist };
    }
}

/// <summary>Refuse pulls of images with findings at or above <see cref="MinimumSeverity"/> (optionally only fixable ones).</summary>
public sealed record PullGate
{
    public FindingSeverity MinimumSeverity { get; init; } = FindingSeverity.High;

    /// <summary>When true, findings without a fixed version never block.</summary>
    public bool OnlyFixable { get; init; }

    /// <summary>True when <paramref name="finding"/> is severe enough (and fixable, if required) to block a pull.</summary>
    public bool Blocks(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Severity >= MinimumSeverity && finding.Severity != FindingSeverity.Unknown
            && (!OnlyFixable || finding.Fixable);
    }
}

/// <summary>
/// One allowlisted vulnerability id (<c>CVE-2023-1234</c>, or any other id of a finding such as a GHSA id),
/// optionally for one repository only, until <see cref="ExpiresAt"/> (never when null).
/// </summary>
public sealed record AllowlistEntry(string VulnerabilityId, DateTimeOffset? ExpiresAt = null, string? Repository = null)
{
    /// <summary>True when the entry has an expiry at or before <paramref name="now"/>: it is then ignored.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>True for registry-wide entries and entries naming <paramref name="repository"/> (ordinal).</summary>
    public bool AppliesTo(string repository) => Repository is null || string.Equals(Repository, repository, StringComparison.Ordinal);

    /// <summary>True when the entry is in force at <paramref name="now"/> for <paramref name="repository"/> and names one of the finding's ids.</summary>
    public bool Covers(Finding finding, string repository, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return !IsExpired(now) && AppliesTo(repository) && finding.HasId(VulnerabilityId);
    }
}
