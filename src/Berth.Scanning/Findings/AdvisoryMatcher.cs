using System.Collections.Concurrent;
using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Findings;

/// <summary>
/// Matches an SBOM's components against the advisory store: one batched candidate lookup for the distinct keys of
/// the components (through a <see cref="CandidateCache"/>, so warm re-matches skip the store), then
/// <see cref="FindingMatcher"/>. Re-matching works from the stored SBOM alone. Thread-safe; share one instance.
/// Throws only for null arguments, cancellation and store failures.
/// </summary>
public sealed class AdvisoryMatcher
{
    private const int MemoLimit = 200_000;
    private readonly CandidateCache candidates;

    // Evaluations by (key, version), valid while the key's candidate array is the same instance: re-matching many
    // images after an advisory change only re-evaluates the packages whose advisories changed.
    private readonly ConcurrentDictionary<(PackageKey, string), (AdvisoryCandidate[] Source, IReadOnlyList<Finding> Findings)> memo = new();

    public AdvisoryMatcher(IAdvisoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        candidates = new CandidateCache(store);
    }

    /// <summary>The findings of <paramref name="components"/>, in report order.</summary>
    public async Task<IReadOnlyList<Finding>> MatchAsync(IReadOnlyList<ScannedComponent> components, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(components);
        var keys = new HashSet<PackageKey>();
        foreach (var component in components)
        {
            if (MatchKeys.For(component) is { } key)
            {
                keys.Add(key.Package);
            }
        }

        var byKey = await candidates.GetAsync(keys, ct);
        var findings = new List<Finding>();
        foreach (var component in components)
        {
            if (MatchKeys.For(component) is { } key && byKey.TryGetValue(key.Package, out var forKey) && forKey.Length > 0)
            {
                foreach (var evaluated in Evaluate(key, forKey))
                {
                    findings.Add(FindingMatcher.ForComponent(evaluated, component, key));
                }
            }
        }

        return ScanReport.Sort(findings);
    }

    private IReadOnlyList<Finding> Evaluate(MatchKey key, AdvisoryCandidate[] forKey)
    {
        if (memo.TryGetValue((key.Package, key.Version), out var known) && ReferenceEquals(known.Source, forKey))
        {
            return known.Findings;
        }

        var evaluated = FindingMatcher.Evaluate(key, forKey);
        if (memo.Count >= MemoLimit)
        {
            memo.Clear();
        }

        memo[(key.Package, key.Version)] = (forKey, evaluated);
        return evaluated;
    }

    /// <summary>
    /// A report of <paramref name="image"/> as pulled from <paramref name="repository"/>@<paramref name="digest"/>
    /// (the SBOM's own image name and digest are used when these are null).
    /// </summary>
    public async Task<ScanReport> ReportAsync(ScannedImage image, string? repository, string? digest, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(image);
        var findings = await MatchAsync(image.Components, ct);
        return new ScanReport
        {
            Repository = repository ?? image.Repository ?? string.Empty,
            Digest = digest ?? image.Digest ?? string.Empty,
            Platform = image.Platform,
            OperatingSystem = image.OperatingSystem,
            GeneratedAt = now,
            Components = image.Components.Count,
            Findings = findings,
        };
    }
}
