using System.Collections.Frozen;

namespace Berth.Scanning.Versions;

/// <summary>
/// Maps OSV ecosystem names to the version comparer of their version scheme.
/// </summary>
public static class VersionComparers
{
    private static readonly FrozenDictionary<string, IVersionComparer> ByEcosystem =
        new Dictionary<string, IVersionComparer>(StringComparer.OrdinalIgnoreCase)
        {
            ["Debian"] = DpkgVersionComparer.Instance,
            ["Ubuntu"] = DpkgVersionComparer.Instance,
            ["Alpine"] = ApkVersionComparer.Instance,
            ["Chainguard"] = ApkVersionComparer.Instance,
            ["Wolfi"] = ApkVersionComparer.Instance,
            ["Red Hat"] = RpmVersionComparer.Instance,
            ["AlmaLinux"] = RpmVersionComparer.Instance,
            ["Rocky Linux"] = RpmVersionComparer.Instance,
            ["openSUSE"] = RpmVersionComparer.Instance,
            ["SUSE"] = RpmVersionComparer.Instance,
            ["Mageia"] = RpmVersionComparer.Instance,
            ["openEuler"] = RpmVersionComparer.Instance,
            ["npm"] = SemVerComparer.Instance,
            ["crates.io"] = SemVerComparer.Instance,
            ["Hex"] = SemVerComparer.Instance,
            ["Go"] = GoVersionComparer.Instance,
            ["PyPI"] = Pep440VersionComparer.Instance,
            ["NuGet"] = NuGetVersionComparer.Instance,
            ["Maven"] = MavenVersionComparer.Instance,
            ["RubyGems"] = RubyGemsVersionComparer.Instance,
            ["Packagist"] = PackagistVersionComparer.Instance,
            ["Pub"] = PubVersionComparer.Instance,
            ["CRAN"] = NumericListComparer.Cran,
            ["Hackage"] = NumericListComparer.Hackage,
            ["GHC"] = NumericListComparer.Hackage,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The ecosystem names <see cref="For"/> knows (without release suffixes).</summary>
    public static IEnumerable<string> Ecosystems => ByEcosystem.Keys;

    /// <summary>
    /// The comparer for an OSV ecosystem name such as <c>Debian</c>, <c>Debian:12</c>, <c>Alpine:v3.20</c>,
    /// <c>Red Hat:enterprise_linux:9::appstream</c> or <c>crates.io</c>: the part before the first <c>:</c>
    /// decides, case-insensitively. Null for null, empty and unknown ecosystems (including ecosystems whose
    /// versions are not ordered, such as GIT ranges). Never throws.
    /// </summary>
    public static IVersionComparer? For(string? ecosystem)
    {
        if (string.IsNullOrEmpty(ecosystem))
        {
            return null;
        }

        var colon = ecosystem.IndexOf(':');
        var name = (colon >= 0 ? ecosystem.AsSpan(0, colon) : ecosystem).Trim();
        return ByEcosystem.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var comparer)
            ? comparer
            : null;
    }
}
