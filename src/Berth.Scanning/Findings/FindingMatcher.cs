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

        if (matched.Count == 0)
        {
            return [];
        }

        return VulnerabilityGroups.Group(matched).Select(group => Build(component, key, comparer, group));
    }

    private static Finding Build(ScannedComponent component, MatchKey key, IVersionComparer? comparer, VulnerabilityGroup group)
    {
        var severity = SeverityResolver.Resolve(group.Members);
        var sourcePackage = key.Package.Name != PackageNames.Key(key.Package.Ecosystem, component.Name) ? key.Package.Name : null;
        return new Finding
        {
            Id = group.PrimaryId,
            Ids = group.Ids,
            Advisories = group.Members.Select(m => $"{m.Advisory.Source}/{m.Advisory.Id}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            Package = component.Name,
            Ecosystem = key.Package.Ecosystem,
            Purl = component.Purl,
            SourcePackage = sourcePackage,
            InstalledVersion = key.Version,
            FixedVersion = comparer is null ? null : FixedVersion(key.Version, group, comparer),
            Severity = severity.Severity,
            Score = severity.Score,
            Vector = severity.Vector,
            SeveritySource = severity.Source,
            Layer = component.Layer,
            Path = component.Path,
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
