using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Sbom;

/// <summary>
/// The OSV ecosystem (https://ossf.github.io/osv-schema/ "Defined ecosystems") each inventoried package is
/// matched in: distro packages take the image's distribution (the release rules are the matcher's own,
/// <see cref="DistroEcosystems"/>), language packages their registry.
/// </summary>
public static class InventoryEcosystems
{
    /// <summary>
    /// <c>Debian:12</c>, <c>Alpine:v3.19</c>, <c>AlmaLinux:9</c>, <c>Rocky Linux:9</c>, <c>Ubuntu:22.04</c>,
    /// <c>Red Hat</c>, <c>openSUSE</c>, <c>SUSE</c>, <c>Wolfi</c>, <c>Chainguard</c>; null when unknown.
    /// </summary>
    public static string? ForDistro(OsRelease? os)
    {
        if (os is null)
        {
            return null;
        }

        var version = os.VersionId;
        return os.Id switch
        {
            "debian" => (version is null ? null : DistroEcosystems.DebianFromVersion(version))
                ?? (os.Codename is { Length: > 0 } codename ? DistroEcosystems.DebianFromCodename(codename) : "Debian"),
            "alpine" => (version is null ? null : DistroEcosystems.Alpine(version)) ?? "Alpine",
            "almalinux" => (version is null ? null : DistroEcosystems.AlmaLinux(version)) ?? "AlmaLinux",
            "rocky" => version is null ? "Rocky Linux" : $"Rocky Linux:{version.Split('.')[0]}",
            "ubuntu" => version is null ? "Ubuntu" : $"Ubuntu:{version}",
            "rhel" or "centos" => "Red Hat",
            "opensuse-leap" or "opensuse-tumbleweed" or "opensuse" => "openSUSE",
            "sles" => "SUSE",
            "wolfi" => "Wolfi",
            "chainguard" => "Chainguard",
            _ => null,
        };
    }

    /// <summary>The ecosystem of one package; distro packages without a known distribution fall back to the bare name.</summary>
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

    /// <summary><c>3.19.1</c> → <c>3.19</c> (the Alpine purl's distro qualifier).</summary>
    public static string? MajorMinor(string? version)
    {
        var parts = version?.Split('.');
        return parts is { Length: >= 2 } ? $"{parts[0]}.{parts[1]}" : null;
    }
}
