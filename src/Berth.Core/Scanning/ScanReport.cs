namespace Berth.Core.Scanning;

/// <summary>
/// The findings of one image manifest (one platform) at one point in time, in report order: severity descending,
/// then id, package, installed version and path (ordinal).
/// </summary>
public sealed record ScanReport
{
    /// <summary>The repository the image was scanned in.</summary>
    public required string Repository { get; init; }

    /// <summary>The manifest digest scanned (a platform manifest, not an index).</summary>
    public required string Digest { get; init; }

    /// <summary><c>os/arch[/variant]</c>, when known.</summary>
    public string? Platform { get; init; }

    /// <summary>The image's distribution ecosystem (<c>Debian:12</c>), when known.</summary>
    public string? OperatingSystem { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Components in the SBOM that was matched.</summary>
    public int Components { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Number of findings per severity (every severity present, zero included), highest first.</summary>
    public IReadOnlyList<KeyValuePair<FindingSeverity, int>> CountsBySeverity() =>
        Enum.GetValues<FindingSeverity>().Reverse()
            .Select(s => new KeyValuePair<FindingSeverity, int>(s, Findings.Count(f => f.Severity == s)))
            .ToArray();

    /// <summary>The report order of findings: severity descending, then id, package, installed version, path (ordinal).</summary>
    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Package, StringComparer.Ordinal)
            .ThenBy(f => f.InstalledVersion, StringComparer.Ordinal)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Ecosystem, StringComparer.Ordinal)
            .ToArray();
    }
}
