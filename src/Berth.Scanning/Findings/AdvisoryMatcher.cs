using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Findings;

/// <summary>
/// Matches an SBOM's components against the advisory store: one batched candidate lookup for the distinct keys of
/// the components, then <see cref="FindingMatcher"/>. Re-matching works from the stored SBOM alone. Thread-safe.
/// Throws only for null arguments, cancellation and store failures.
/// </summary>
public sealed class AdvisoryMatcher
{
    private readonly IAdvisoryStore store;

    public AdvisoryMatcher(IAdvisoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
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

        var candidates = await store.FindCandidatesAsync(keys, ct);
        return FindingMatcher.Match(components, candidates);
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
