namespace Berth.Scanning.Advisories.Storage;

/// <summary>
/// Advisories indexed by (ecosystem, package name key), kept apart from registry metadata so bulk imports never
/// block pushes. Implementations are thread-safe; readers never see a half-applied import.
/// </summary>
/// <remarks>
/// Methods throw only for null arguments, cancellation and storage failures (an unreadable database file);
/// "not found" is an empty result or null.
/// </remarks>
public interface IAdvisoryStore
{
    /// <summary>
    /// Starts one import run for <paramref name="origin"/> (the full path or URL imported). Advisories added to
    /// the session are invisible until <see cref="IAdvisoryImportSession.CommitAsync"/> applies all of them in
    /// one transaction; disposing the session without committing changes nothing.
    /// </summary>
    Task<IAdvisoryImportSession> BeginImportAsync(string origin, ImportSessionOptions options, CancellationToken ct);

    /// <summary>
    /// The affected entries of every advisory that is not withdrawn and names one of <paramref name="packages"/>
    /// (keys as <see cref="PackageKey.For"/> makes them), each with its advisory's header (the advisory without
    /// <c>Affected</c> and <c>Details</c>; candidates of one advisory share the header instance). Order: by
    /// package, then source and id. Version matching is the caller's (<c>AffectedEvaluator</c>).
    /// </summary>
    Task<IReadOnlyList<AdvisoryCandidate>> FindCandidatesAsync(IReadOnlyCollection<PackageKey> packages, CancellationToken ct);

    /// <summary>The whole advisory (withdrawn ones too), or null.</summary>
    Task<Advisory?> GetAsync(string source, string id, CancellationToken ct);

    /// <summary>Every source with its counts, last import and data age, ordered by name.</summary>
    Task<IReadOnlyList<AdvisorySourceStatus>> GetSourcesAsync(CancellationToken ct);

    /// <summary>
    /// The package keys whose advisories changed (added, updated, withdrawn, removed) in import runs after
    /// <paramref name="afterImportId"/>, and the latest run id to pass next time (0 before the first import).
    /// Lets the scanner re-match only images whose SBOM holds one of these packages.
    /// </summary>
    Task<AdvisoryChanges> GetChangesSinceAsync(long afterImportId, CancellationToken ct);
}

/// <summary>One import run being staged. Not thread-safe: one caller adds, then commits or disposes.</summary>
public interface IAdvisoryImportSession : IAsyncDisposable
{
    /// <summary>
    /// Stages one advisory. The same (source, id) may be added several times in a run (AlmaLinux files repeated
    /// under two releases, one CVE for several gems): the parts are merged with <see cref="AdvisoryMerger"/>.
    /// </summary>
    ValueTask AddAsync(Advisory advisory, CancellationToken ct);

    /// <summary>
    /// Applies the run in one transaction and returns what changed. Unchanged advisories (same content hash)
    /// are skipped. When <see cref="ImportSessionOptions.PruneMissing"/> is set and the run staged at least one
    /// advisory, advisories that an earlier run of the same origin stored and this run did not stage are
    /// removed. Call at most once; a failed commit changes nothing.
    /// </summary>
    Task<ImportChanges> CommitAsync(CancellationToken ct);
}

/// <summary>How a run treats what it does not contain.</summary>
public sealed record ImportSessionOptions
{
    /// <summary>
    /// True (default): re-importing an origin is a snapshot of it — advisories that origin no longer holds are
    /// removed. Advisories stored by other origins are never removed by this run.
    /// </summary>
    public bool PruneMissing { get; init; } = true;
}
