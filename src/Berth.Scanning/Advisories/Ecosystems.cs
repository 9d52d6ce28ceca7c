namespace Berth.Scanning.Advisories;

/// <summary>OSV ecosystem strings: <c>Name[:release]</c>.</summary>
public static class Ecosystems
{
    /// <summary><c>Debian:11</c> → <c>Debian</c>; <c>PyPI</c> → <c>PyPI</c>.</summary>
    public static string BaseName(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }

    /// <summary><c>Debian:11</c> → <c>11</c>; <c>Alpine:v3.11</c> → <c>v3.11</c>; null without a suffix.</summary>
    public static string? Release(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : ecosystem[(colon + 1)..];
    }

    /// <summary>
    /// The version scheme (an <c>IVersionComparer.Scheme</c>) that orders the ecosystem's versions, or null when
    /// Berth has none: Debian/Ubuntu → dpkg, Alpine → apk, AlmaLinux/Rocky/Red Hat/openSUSE/SUSE → rpm,
    /// npm/crates.io/Node.js → semver, Go → go, PyPI → pep440, NuGet → nuget, Maven → maven,
    /// RubyGems/Ruby → rubygems.
    /// </summary>
    public static string? VersionScheme(string ecosystem) => BaseName(ecosystem) switch
    {
        "Debian" or "Ubuntu" => "dpkg",
        "Alpine" => "apk",
        "AlmaLinux" or "Rocky Linux" or "Red Hat" or "openSUSE" or "SUSE" => "rpm",
        "npm" or "crates.io" or "Node.js" => "semver",
        "Go" => "go",
        "PyPI" => "pep440",
        "NuGet" => "nuget",
        "Maven" => "maven",
        "RubyGems" or "Ruby" => "rubygems",
        _ => null,
    };
}
