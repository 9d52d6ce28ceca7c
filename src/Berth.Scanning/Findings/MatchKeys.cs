using Berth.Scanning.Advisories;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Findings;

/// <summary>What one component is looked up and evaluated as: the advisory store key and the version to compare.</summary>
public readonly record struct MatchKey(PackageKey Package, string Version);

/// <summary>
/// The distro and language matching keys: Debian/Ubuntu by source package and source version, Alpine by origin
/// package, RPM distributions by binary name and <c>EPOCH:VERSION-RELEASE</c>, language packages by the name OSV
/// uses (from the purl when there is one: npm <c>@scope/name</c>, Maven <c>group:artifact</c>, Go module path),
/// normalised as the store indexes it (<see cref="PackageNames.Key"/>).
/// </summary>
public static class MatchKeys
{
    /// <summary>
    /// The key of <paramref name="component"/>, or null when it cannot be matched: no <c>berth:ecosystem</c>, the
    /// <c>operating-system</c> component, or an empty version. Never throws for non-null input.
    /// </summary>
    public static MatchKey? For(ScannedComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (component.Ecosystem is not { Length: > 0 } ecosystem || component.Type == "operating-system" || component.Version.Length == 0)
        {
            return null;
        }

        var family = Ecosystems.BaseName(ecosystem);
        switch (family)
        {
            case "Debian" or "Ubuntu":
                return new MatchKey(PackageKey.For(ecosystem, component.SourceName ?? component.Name), component.SourceVersion ?? component.Version);
            case "Alpine" or "Wolfi" or "Chainguard":
                return new MatchKey(PackageKey.For(ecosystem, component.SourceName ?? component.Name), component.Version);
        }

        var purl = PackageUrl.Parse(component.Purl);
        if (purl?.Type == "rpm")
        {
            return new MatchKey(PackageKey.For(ecosystem, component.Name), RpmVersion(component.Version, purl));
        }

        var name = purl is not null && purl.Type != "generic" ? purl.OsvName : component.Name;
        return new MatchKey(PackageKey.For(ecosystem, name), GoVersion(family, name, component.Version));
    }

    // The contract writes the epoch into the version when non-zero; an SBOM that only has the purl qualifier still matches.
    private static string RpmVersion(string version, PackageUrl purl) =>
        !version.Contains(':', StringComparison.Ordinal) && purl.Qualifiers.TryGetValue("epoch", out var epoch) && epoch is not ("" or "0")
            ? $"{epoch}:{version}"
            : version;

    // Go's build info names the toolchain "go1.22.1"; the Go vulnerability database writes stdlib versions as "1.22.1".
    private static string GoVersion(string family, string name, string version) =>
        family == "Go" && name == "stdlib" && version.StartsWith("go", StringComparison.Ordinal) ? version[2..] : version;
}
