using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Sbom;

/// <summary>
/// OSV ecosystem strings (https://ossf.github.io/osv-schema/ "Defined ecosystems") for what the
/// inventory found: distro ecosystems from os-release, language ecosystems from the package kind.
/// </summary>
public static class DistroEcosystems
{
    /// <summary>
    /// <c>Debian:12</c>, <c>Ubuntu:22.04</c>, <c>Alpine:v3.19</c>, <c>AlmaLinux:9</c>, <c>Rocky Linux:9</c>,
    /// <c>Red Hat</c>, <c>openSUSE</c>/<c>SUSE</c>, <c>Wolfi</c>, <c>Chainguard</c>, <c>Mageia:9</c>,
    /// <c>Photon OS:5.0</c>; null when the distribution is unknown.
    /// </summary>
    public static string? ForDistro(OsRelease? os)
    {
        if (os is null)
        {
            return null;
        }

        var major = Major(os.VersionId);
        return os.Id switch
        {
            "debian" => major is null ? "Debian" : $"Debian:{major}",
            "ubuntu" => os.VersionId is null ? "Ubuntu" : $"Ubuntu:{os.VersionId}",
            "alpine" => MajorMinor(os.VersionId) is { } mm ? $"Alpine:v{mm}" : "Alpine",
            "almalinux" => major is null ? "AlmaLinux" : $"AlmaLinux:{major}",
            "rocky" => major is null ? "Rocky Linux" : $"Rocky Linux:{major}",
            "rhel" or "centos" => "Red Hat",
            "opensuse-leap" or "opensuse-tumbleweed" or "opensuse" => "openSUSE",
            "sles" => "SUSE",
            "wolfi" => "Wolfi",
            "chainguard" => "Chainguard",
            "mageia" => major is null ? "Mageia" : $"Mageia:{major}",
            "photon" => os.VersionId is null ? "Photon OS" : $"Photon OS:{os.VersionId}",
            _ => null,
        };
    }

    /// <summary>The ecosystem a package is matched in; distro packages take the image's distro ecosystem.</summary>
    public static string? ForPackage(PackageKind kind, OsRelease? os) => kind switch
    {
        PackageKind.Deb => ForDistro(os) ?? "Debian",
        PackageKind.Apk => ForDistro(os) ?? "Alpine",
        PackageKind.Rpm => ForDistro(os),
        PackageKind.Npm => "npm",
        PackageKind.PyPI => "PyPI",
        PackageKind.NuGet => "NuGet",
        PackageKind.Go => "Go",
        PackageKind.Maven => "Maven",
        PackageKind.Gem => "RubyGems",
        PackageKind.Cargo => "crates.io",
        _ => null,
    };

    /// <summary><c>3.19.1</c> → <c>3.19</c>.</summary>
    public static string? MajorMinor(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var parts = version.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : null;
    }

    private static string? Major(string? version) =>
        version is { Length: > 0 } && char.IsAsciiDigit(version[0]) ? version.Split('.')[0] : null;
}
