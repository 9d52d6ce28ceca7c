using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;

/// <summary>Discards everything: times reading and parsing alone.</summary>
internal sealed class NullStore : IAdvisoryStore, IAdvisoryImportSession
{
    private int count;

    public Task<IAdvisoryImportSession> BeginImportAsync(string origin, ImportSessionOptions options, CancellationToken ct) =>
        Task.FromResult<IAdvisoryImportSession>(this);

    public ValueTask AddAsync(Advisory advisory, CancellationToken ct)
    {
        count++;
        return ValueTask.CompletedTask;
    }

    public Task<ImportChanges> CommitAsync(CancellationToken ct) => Task.FromResult(new ImportChanges { ImportId = 0, Added = count });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<IReadOnlyList<AdvisoryCandidate>> FindCandidatesAsync(IReadOnlyCollection<PackageKey> packages, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AdvisoryCandidate>>([]);

    public Task<Advisory?> GetAsync(string source, string id, CancellationToken ct) => Task.FromResult<Advisory?>(null);

    public Task<IReadOnlyList<AdvisorySourceStatus>> GetSourcesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AdvisorySourceStatus>>([]);

    public Task<AdvisoryChanges> GetChangesSinceAsync(long afterImportId, CancellationToken ct) => Task.FromResult(new AdvisoryChanges(0, []));
}
