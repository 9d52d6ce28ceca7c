using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Findings;

/// <summary>
/// Which stored SBOMs need re-matching after advisories change, and what a new report adds: pure functions over
/// the store's change feed (<see cref="IAdvisoryStore.GetChangesSinceAsync"/>). The index from package key to
/// images is the caller's: build it from <see cref="KeysOf"/> when an SBOM is stored.
/// </summary>
public static class Reevaluation
{
    /// <summary>The distinct store keys an SBOM's components are matched on (what to index the image under).</summary>
    public static IReadOnlySet<PackageKey> KeysOf(IEnumerable<ScannedComponent> components)
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

        return keys;
    }

    /// <summary>The changed keys of a change feed read, as a set.</summary>
    public static IReadOnlySet<PackageKey> ChangedKeys(AdvisoryChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Packages.ToHashSet();
    }

    /// <summary>True when one of the SBOM's keys changed: only then does its report need re-matching.</summary>
    public static bool NeedsRematch(IReadOnlySet<PackageKey> sbomKeys, IReadOnlySet<PackageKey> changed)
    {
        ArgumentNullException.ThrowIfNull(sbomKeys);
        ArgumentNullException.ThrowIfNull(changed);
        return sbomKeys.Count <= changed.Count ? sbomKeys.Any(changed.Contains) : changed.Any(sbomKeys.Contains);
    }

    /// <summary>The images (by the caller's key) whose SBOM keys intersect <paramref name="changed"/>, in input order.</summary>
    public static IReadOnlyList<TImage> ImagesToRematch<TImage>(IEnumerable<KeyValuePair<TImage, IReadOnlySet<PackageKey>>> images, IReadOnlySet<PackageKey> changed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(changed);
        return changed.Count == 0 ? [] : images.Where(i => NeedsRematch(i.Value, changed)).Select(i => i.Key).ToArray();
    }

    /// <summary>
    /// Findings of <paramref name="current"/> that <paramref name="previous"/> did not have (same id, package,
    /// installed version and path): what a <c>vulnerability_found</c> event reports. All of them when there is no
    /// previous report. In <paramref name="current"/>'s order.
    /// </summary>
    public static IReadOnlyList<Finding> NewFindings(IReadOnlyList<Finding>? previous, IReadOnlyList<Finding> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return current;
        }

        var known = previous.Select(Identity).ToHashSet();
        return current.Where(f => !known.Contains(Identity(f))).ToArray();
    }

    private static (string, string, string, string?, string) Identity(Finding f) => (f.Id.ToUpperInvariant(), f.Package, f.InstalledVersion, f.Path, f.Ecosystem);
}
