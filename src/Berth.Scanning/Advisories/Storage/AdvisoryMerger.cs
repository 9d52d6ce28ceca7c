namespace Berth.Scanning.Advisories.Storage;

/// <summary>
/// Combines the parts of one (source, id) met several times in one import run into one advisory.
/// </summary>
/// <remarks>
/// Text and date fields come from the first part that sets them (parts are in import order: paths sorted
/// ordinally), except <see cref="Advisory.Modified"/>, the latest. Aliases, related ids, severities, references
/// and affected entries are unioned in order, dropping exact duplicates — so a file repeated verbatim merges to
/// itself, and one CVE filed for two gems becomes one advisory affecting both.
/// </remarks>
public static class AdvisoryMerger
{
    public static Advisory Merge(IReadOnlyList<Advisory> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var affected = new List<AffectedPackage>();
        var seenAffected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in parts.SelectMany(p => p.Affected))
        {
            if (seenAffected.Add(Convert.ToBase64String(AdvisoryJson.Serialize(entry))))
            {
                affected.Add(entry);
            }
        }

        return first with
        {
            Aliases = Union(parts, p => p.Aliases),
            Related = Union(parts, p => p.Related),
            Summary = parts.Select(p => p.Summary).FirstOrDefault(s => s is not null),
            Details = parts.Select(p => p.Details).FirstOrDefault(s => s is not null),
            Published = parts.Select(p => p.Published).FirstOrDefault(d => d is not null),
            Modified = parts.Max(p => p.Modified),
            Withdrawn = parts.Select(p => p.Withdrawn).FirstOrDefault(d => d is not null),
            Severity = Union(parts, p => p.Severity),
            DatabaseSeverity = parts.Select(p => p.DatabaseSeverity).FirstOrDefault(s => s is not null),
            Affected = affected,
            References = Union(parts, p => p.References),
        };
    }

    private static T[] Union<T>(IReadOnlyList<Advisory> parts, Func<Advisory, IReadOnlyList<T>> select) =>
        parts.SelectMany(select).Distinct().ToArray();
}
