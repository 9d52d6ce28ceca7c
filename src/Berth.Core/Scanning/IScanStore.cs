namespace Berth.Core.Scanning;

/// <summary>
/// Scan records per manifest and the package index. Thread-safe; every write is one transaction. Writes for a
/// manifest that no longer exists change nothing (records disappear with their manifest). Throws only for
/// cancellation and storage failures.
/// </summary>
public interface IScanStore
{
    /// <summary>Marks the manifest queued (creating its record, keeping any previous report); false when the manifest is unknown.</summary>
    Task<bool> MarkQueuedAsync(ScanTarget target, string? pushedBy, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks a queued manifest running.</summary>
    Task MarkRunningAsync(ScanTarget target, DateTimeOffset at, CancellationToken ct);

    /// <summary>Stores a completed report and replaces the manifest's package index entries.</summary>
    Task CompleteAsync(ScanCompletion completion, CancellationToken ct);

    /// <summary>Marks the scan failed with a reason; a previous report stays.</summary>
    Task FailAsync(ScanTarget target, string error, DateTimeOffset at, CancellationToken ct);

    /// <summary>The record with its report, or null when the manifest was never queued.</summary>
    Task<ScanRecord?> GetAsync(ScanTarget target, CancellationToken ct);

    /// <summary>Records of a repository (without reports), newest queued first.</summary>
    Task<IReadOnlyList<ScanRecord>> ListAsync(long registryId, string repository, CancellationToken ct);

    /// <summary>Manifests (of any registry) whose package index holds one of <paramref name="keys"/>.</summary>
    Task<IReadOnlyList<ScanTarget>> FindByPackagesAsync(IReadOnlyCollection<PackageIndexKey> keys, CancellationToken ct);

    /// <summary>Manifests left queued or running (by a stop), to queue again at start-up.</summary>
    Task<IReadOnlyList<ScanTarget>> ListUnfinishedAsync(CancellationToken ct);
}
