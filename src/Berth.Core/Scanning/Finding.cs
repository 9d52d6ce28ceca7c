namespace Berth.Core.Scanning;

/// <summary>
/// One vulnerability of one installed package: every advisory id that names the same vulnerability (a CVE, the
/// GHSA and distro advisories that alias it) grouped, with its rating and how to fix it.
/// </summary>
/// <remarks>Immutable. Lists are never null; absent text is null.</remarks>
public sealed record Finding
{
    /// <summary>The id to show and to allowlist: the CVE when there is one, else a GHSA id, else the advisory's own id.</summary>
    public required string Id { get; init; }

    /// <summary>Every id of the vulnerability, <see cref="Id"/> first, then the others in ordinal order.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>The advisories that matched, as <c>SOURCE/ID</c> (<c>GHSA/GHSA-…</c>, <c>DSA/DSA-5380-1</c>), ordinal order.</summary>
    public IReadOnlyList<string> Advisories { get; init; } = [];

    /// <summary>The installed package as the image names it (the binary package for distributions).</summary>
    public required string Package { get; init; }

    /// <summary>The OSV ecosystem matched against (<c>Debian:12</c>, <c>npm</c>).</summary>
    public required string Ecosystem { get; init; }

    /// <summary>The package-url of the installed package, when the SBOM has one.</summary>
    public string? Purl { get; init; }

    /// <summary>The distribution source package the advisory names, when it differs from <see cref="Package"/>.</summary>
    public string? SourcePackage { get; init; }

    public required string InstalledVersion { get; init; }

    /// <summary>The lowest version above the installed one that fixes every matched advisory; null when none does yet.</summary>
    public string? FixedVersion { get; init; }

    /// <summary>True when <see cref="FixedVersion"/> is known.</summary>
    public bool Fixable => FixedVersion is not null;

    public FindingSeverity Severity { get; init; }

    /// <summary>The CVSS base score the severity comes from (or a source's bare score); null when rated by a word or unknown.</summary>
    public double? Score { get; init; }

    /// <summary>The CVSS vector scored, when there is one.</summary>
    public string? Vector { get; init; }

    /// <summary>Where the rating comes from: <c>CVSS:4.0</c>, <c>CVSS:3.1</c>, <c>CVSS:3.0</c>, <c>score</c>, <c>source</c> (a severity word), or null.</summary>
    public string? SeveritySource { get; init; }

    /// <summary>Digest of the layer that brought the package in (SBOM <c>berth:layer</c>).</summary>
    public string? Layer { get; init; }

    /// <summary>Path inside the image of the file the package was read from (SBOM <c>berth:path</c>).</summary>
    public string? Path { get; init; }

    public string? Title { get; init; }

    /// <summary>Reference URLs of the matched advisories, deduplicated, in source order.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>"upgrade PACKAGE to VERSION" or null when not fixable.</summary>
    public string? Remediation => FixedVersion is { } fixedVersion ? $"upgrade {SourcePackage ?? Package} to {fixedVersion}" : null;

    /// <summary>True when <paramref name="id"/> is one of <see cref="Ids"/> (ordinal, case-insensitive).</summary>
    public bool HasId(string id) => Ids.Contains(id, StringComparer.OrdinalIgnoreCase) || string.Equals(Id, id, StringComparison.OrdinalIgnoreCase);
}
