namespace Berth.Scanning.Advisories.Storage;

/// <summary>One affected entry found for a package, with its advisory's header.</summary>
public sealed record AdvisoryCandidate(PackageKey Package, Advisory Advisory, AffectedPackage Affected);

/// <summary>What one committed import run changed.</summary>
public sealed record ImportChanges
{
    /// <summary>The run's id, increasing; pass it to <see cref="IAdvisoryStore.GetChangesSinceAsync"/>.</summary>
    public required long ImportId { get; init; }

    public int Added { get; init; }

    public int Updated { get; init; }

    public int Removed { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Package keys named by the added, updated and removed advisories (old and new entries).</summary>
    public IReadOnlyList<PackageKey> ChangedPackages { get; init; } = [];

    /// <summary>Advisories staged per source in this run (after merging repeated ids).</summary>
    public IReadOnlyDictionary<string, int> AdvisoriesBySource { get; init; } = new Dictionary<string, int>();

    /// <summary>True when nothing was added, updated or removed.</summary>
    public bool IsEmpty => Added == 0 && Updated == 0 && Removed == 0;
}

/// <summary>
/// One source as <c>berth advisories status</c> shows it. <see cref="NewestData"/> is the newest
/// <c>modified</c> (else <c>published</c>) of its advisories; null when the source dates none (Alpine secdb).
/// </summary>
public sealed record AdvisorySourceStatus
{
    public required string Name { get; init; }

    public int Advisories { get; init; }

    public int Withdrawn { get; init; }

    /// <summary>Distinct (ecosystem, name key) pairs the source's advisories name.</summary>
    public int Packages { get; init; }

    public long LastImportId { get; init; }

    public DateTimeOffset LastImportAt { get; init; }

    /// <summary>When an import last changed this source's data (null when no run has changed it since it was added).</summary>
    public DateTimeOffset? LastChangedAt { get; init; }

    public DateTimeOffset? NewestData { get; init; }

    /// <summary>How old the source's newest entry is at <paramref name="now"/>; null when undated.</summary>
    public TimeSpan? DataAge(DateTimeOffset now) => NewestData is { } newest ? now - newest : null;
}

/// <summary>The change feed: package keys changed after a run id, and the latest run id.</summary>
public sealed record AdvisoryChanges(long LatestImportId, IReadOnlyList<PackageKey> Packages);
