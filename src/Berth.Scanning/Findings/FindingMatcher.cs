using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings.Components;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Findings;

/// <summary>
/// Turns SBOM components and the advisory candidates of their keys into findings. Pure: the same input gives the
/// same findings in the same order (<see cref="ScanReport.Sort"/>). Thread-safe; never throws for non-null input.
/// </summary>
/// <remarks>
/// Per component: the candidates of its <see cref="MatchKeys"/> key that are not withdrawn and whose affected entry
/// includes the installed version (<see cref="AffectedEvaluator"/> with the ecosystem's comparer; ecosystems
/// without one match only exact <c>versions[]</c>) are grouped into vulnerabilities (<see cref="VulnerabilityGroups"/>).
/// A finding's fixed version is the lowest version above the installed one that fixes every grouped advisory that
/// names a fix (<see cref="Remediation.LowestFixedAbove(string, AffectedPackage, IVersionComparer)"/>, then the
/// highest of those); its severity comes from <see cref="SeverityResolver"/>.
/// </remarks>
public static class FindingMatcher
{
    public static IReadOnlyList<Finding> Match(IReadOnlyList<ScannedComponent> components, IReadOnlyList<AdvisoryCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(candidates);
        var byKey = new Dictionary<PackageKey, List<AdvisoryCandidate>>();
        foreach (var candidate in candidates)
        {
            if (!byKey.TryGetValue(candidate.Package, out var list))
            {
                list = [];
                byKey[candidate.Package] = list;
            }

            list.Add(candidate);
        }

        var findings = new List<Finding>();
        foreach (var component in components)
        {
            if (MatchKeys.For(component) is { } key && byKey.TryGetValue(key.Package, out var forKey))
            {
                findings.AddRange(MatchOne(component, key, forKey));
            }
        }

        return ScanReport.Sort(findings);
    }

    /// <summary>The findings of one component given the candidates of its key.</summary>
    public static IEnumerable<Finding> MatchOne(ScannedComponent component, MatchKey key, IReadOnlyList<AdvisoryCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Evaluate(key, candidates).Select(f => ForComponent(f, component, key));
    }

    /// <summary>
    /// The findings of any component with <paramref name="key"/>, before the component's own fields are filled in
    /// (<see cref="ForComponent"/>): they depend on the key, the version and the candidates only, so callers may
    /// reuse them for every component with the same key and version while the candidates stay the same.
    /// </summary>
    public static IReadOnlyList<Finding> Evaluate(MatchKey key, IReadOnlyList<AdvisoryCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var comparer = Ecosystems.Comparer(key.Package.Ecosystem);
        var matched = new List<(Advisory Advisory, AffectedPackage Affected)>();
        foreach (var candidate in candidates)
        {
            if (!candidate.Advisory.IsWithdrawn && candidate.Affected.Ecosystem == key.Package.Ecosystem
                && (comparer is null
                    ? AffectedEvaluator.Affects(key.Version, candidate.Affected)
                    : AffectedEvaluator.Affects(key.Version, candidate.Affected, comparer)))
            {
                matched.Add((candidate.Advisory, candidate.Affected));
            }
        }

        return matched.Count == 0 ? [] : VulnerabilityGroups.Group(matched).Select(group => Build(key, comparer, group)).ToArray();
    }

    /// <summary>A finding of <see cref="Evaluate"/> with the component's name, purl, layer and path.</summary>
    public static Finding ForComponent(Finding evaluated, ScannedComponent component, MatchKey key)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        ArgumentNullException.ThrowIfNull(component);
        return evaluated with
        {
            Package = component.Name,
            Purl = component.Purl,
            SourcePackage = key.Package.Name != PackageNames.Key(key.Package.Ecosystem, component.Name) ? key.Package.Name : null,
            Layer = component.Layer,
            Path = component.Path,
        };
    }

    private static Finding Build(MatchKey key, IVersionComparer? comparer, VulnerabilityGroup group)
    {
        var severity = SeverityResolver.Resolve(group.Members);
        return new Finding
        {
            Id = group.PrimaryId,
            Ids = group.Ids,
            Advisories = group.Members.Select(m => $"{m.Advisory.Source}/{m.Advisory.Id}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            Package = key.Package.Name,
            Ecosystem = key.Package.Ecosystem,
            InstalledVersion = key.Version,
            FixedVersion = comparer is null ? null : FixedVersion(key.Version, group, comparer),
            Severity = severity.Severity,
            Score = severity.Score,
            Vector = severity.Vector,
            SeveritySource = severity.Source,
            Title = Title(group),
            References = group.Members.SelectMany(m => m.Advisory.References).Select(r => r.Url).Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    private static string? FixedVersion(string installed, VulnerabilityGroup group, IVersionComparer comparer)
    {
        string? highest = null;
        foreach (var (_, affected) in group.Members)
        {
            if (Remediation.LowestFixedAbove(installed, affected, comparer) is { } fix
                && (highest is null || comparer.Compare(fix, highest) > 0))
            {
                highest = fix;
            }
        }

        return highest;
    }

    // Prefer the summary of an advisory about this vulnerability alone over a bundle's title ("openssl - security update").
    private static string? Title(VulnerabilityGroup group) =>
        group.Members.Where(m => group.Ids.Contains(m.Advisory.Id, StringComparer.OrdinalIgnoreCase) && !IsBundle(m.Advisory))
            .Concat(group.Members)
            .Select(m => m.Advisory.Summary)
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));

    private static bool IsBundle(Advisory advisory) => advisory.Aliases.Count(VulnerabilityGroups.IsCve) + (VulnerabilityGroups.IsCve(advisory.Id) ? 1 : 0) > 1;
}
