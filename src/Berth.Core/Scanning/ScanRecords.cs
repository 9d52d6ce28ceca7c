using Berth.Core.Oci;

namespace Berth.Core.Scanning;

/// <summary>Where a manifest's scan stands. A rescan goes back to <see cref="Queued"/> but keeps the last report.</summary>
public enum ScanStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A manifest to scan: registry, repository name and digest.</summary>
public sealed record ScanTarget(long RegistryId, string Repository, Digest Manifest)
{
    public override string ToString() => $"{Repository}@{Manifest}";
}

/// <summary>Findings of a report counted by severity (a CVE counts once, at its highest severity).</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Unknown)
{
    public static SeverityCounts None { get; } = new(0, 0, 0, 0, 0);

    public int Total => Critical + High + Medium + Low + Unknown;
}

/// <summary>One SBOM stored as a referrer of a platform manifest.</summary>
public sealed record SbomReference(string Platform, Digest PlatformManifest, Digest SbomManifest, Digest SbomBlob);

/// <summary>
/// The stored scan state of one manifest. <see cref="ReportJson"/> (the findings of the last completed scan) is
/// filled only by <see cref="IScanStore.GetAsync"/>, not by listings.
/// </summary>
public sealed record ScanRecord(
    ScanTarget Target,
    ScanStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? FirstCompletedAt,
    string? Error,
    long? AdvisoryVersion,
    IReadOnlyList<SbomReference> Sboms,
    SeverityCounts Counts,
    string? ReportJson,
    string? PushedBy)
{
    /// <summary>True once any scan completed: the manifest has a report (and is out of quarantine).</summary>
    public bool HasReport => FirstCompletedAt is not null;
}

/// <summary>A finished scan to store: report, SBOMs, counts and the package keys of its SBOMs.</summary>
public sealed record ScanCompletion(
    ScanTarget Target,
    DateTimeOffset CompletedAt,
    long AdvisoryVersion,
    IReadOnlyList<SbomReference> Sboms,
    SeverityCounts Counts,
    string ReportJson,
    IReadOnlyCollection<PackageIndexKey> Packages);

/// <summary>An (ecosystem, package name key) entry of the package index.</summary>
public readonly record struct PackageIndexKey(string Ecosystem, string Name);
