using System.Collections.Concurrent;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;

namespace Berth.Scanning.Findings;

/// <summary>
/// Candidate lists per package key kept in memory between matches, so re-matching many stored SBOMs after an
/// advisory change costs one change-feed query instead of one store lookup per component. Thread-safe.
/// </summary>
/// <remarks>
/// Before every lookup the store's change feed (<see cref="IAdvisoryStore.GetChangesSinceAsync"/>) is read from
/// the last run seen, and the keys it names are dropped, so a lookup never returns data older than the last
/// import committed before it started. A key fetched while an import commits may be fetched again later (the
/// feed names it once more); never served stale. Past <see cref="MaxKeys"/> keys the cache starts over.
/// </remarks>
public sealed class CandidateCache
{
    /// <summary>The most package keys kept (about a full OSV import's worth of distinct keys, tens of MiB).</summary>
    public const int MaxKeys = 100_000;

    private readonly IAdvisoryStore store;
    private readonly ConcurrentDictionary<PackageKey, AdvisoryCandidate[]> byKey = new();
    private readonly SemaphoreSlim refresh = new(1, 1);
    private long seenImportId = -1;

    public CandidateCache(IAdvisoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>The candidates of <paramref name="keys"/> (as <see cref="IAdvisoryStore.FindCandidatesAsync"/>, grouped by key in input order).</summary>
    public async Task<IReadOnlyList<AdvisoryCandidate>> FindCandidatesAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct)
    {
        var byKey = await GetAsync(keys, ct);
        return keys.Distinct().SelectMany(k => byKey[k]).ToArray();
    }

    /// <summary>
    /// The candidate array of every key in <paramref name="keys"/> (empty when none). An array is the same instance
    /// for as long as its key's advisories do not change, so callers may memoise work on it by reference.
    /// </summary>
    public async Task<IReadOnlyDictionary<PackageKey, AdvisoryCandidate[]>> GetAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await RefreshAsync(ct);
        var result = new Dictionary<PackageKey, AdvisoryCandidate[]>();
        var missing = new List<PackageKey>();
        foreach (var key in keys)
        {
            if (byKey.TryGetValue(key, out var cached))
            {
                result[key] = cached;
            }
            else if (!result.ContainsKey(key))
            {
                missing.Add(key);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        if (byKey.Count + missing.Count > MaxKeys)
        {
            byKey.Clear();
        }

        var found = (await store.FindCandidatesAsync(missing, ct)).ToLookup(c => c.Package);
        foreach (var key in missing.Distinct())
        {
            var candidates = found[key].ToArray();
            byKey[key] = candidates;
            result[key] = candidates;
        }

        return result;
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await refresh.WaitAsync(ct);
        try
        {
            var changes = await store.GetChangesSinceAsync(Math.Max(0, seenImportId), ct);
            if (seenImportId < 0 || changes.LatestImportId < seenImportId)
            {
                byKey.Clear();
            }
            else
            {
                foreach (var key in changes.Packages)
                {
                    byKey.TryRemove(key, out _);
                }
            }

            seenImportId = changes.LatestImportId;
        }
        finally
        {
            refresh.Release();
        }
    }
}
