using System.Text;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Languages;

namespace Berth.Scanning.Sbom;

/// <summary>
/// Builds package URLs (https://github.com/package-url/purl-spec) in canonical form: type lower case,
/// segments percent-encoded, qualifiers sorted by key.
/// </summary>
public static class PackageUrls
{
    /// <summary>The purl of a found package; distro purls take namespace and distro qualifier from <paramref name="os"/>.</summary>
    public static string For(FoundPackage p, OsRelease? os) => p.Kind switch
    {
        PackageKind.Deb => Build("deb", os?.Id ?? "debian", p.Name, p.Version,
            ("arch", p.Arch), ("distro", Distro(os?.Id ?? "debian", os?.VersionId))),
        PackageKind.Apk => Build("apk", os?.Id ?? "alpine", p.Name, p.Version,
            ("arch", p.Arch), ("distro", Distro(os?.Id ?? "alpine", InventoryEcosystems.MajorMinor(os?.VersionId) ?? os?.VersionId))),
        PackageKind.Rpm => Build("rpm", os?.Id ?? "redhat", p.Name, WithoutEpoch(p.Version, p.Epoch),
            ("arch", p.Arch), ("distro", Distro(os?.Id, os?.VersionId)), ("epoch", p.Epoch)),
        PackageKind.Npm => p.Name.StartsWith('@') && p.Name.IndexOf('/', StringComparison.Ordinal) is > 1 and var slash
            ? Build("npm", p.Name[..slash], p.Name[(slash + 1)..], p.Version)
            : Build("npm", null, p.Name, p.Version),
        PackageKind.PyPI => Build("pypi", null, PythonAnalyzer.Normalize(p.Name), p.Version),
        PackageKind.NuGet => Build("nuget", null, p.Name, p.Version),
        PackageKind.Go => GoPurl(p),
        PackageKind.Maven => Build("maven", p.Group, p.Name, p.Version),
        PackageKind.Gem => Build("gem", null, p.Name, p.Version),
        PackageKind.Cargo => Build("cargo", null, p.Name, p.Version),
        _ => Build("generic", null, p.Name, p.Version),
    };

    /// <summary>The package's name as its OSV ecosystem spells it (Maven <c>group:artifact</c>, PyPI normalised).</summary>
    public static string EcosystemName(FoundPackage p) => p.Kind switch
    {
        PackageKind.Maven when p.Group is { Length: > 0 } => $"{p.Group}:{p.Name}",
        PackageKind.PyPI => PythonAnalyzer.Normalize(p.Name),
        _ => p.Name,
    };

    // pkg:golang/github.com/x/y@v1: the module path's last segment is the name, the rest the namespace.
    private static string GoPurl(FoundPackage p)
    {
        var slash = p.Name.LastIndexOf('/');
        return slash < 0 ? Build("golang", null, p.Name, p.Version) : Build("golang", p.Name[..slash], p.Name[(slash + 1)..], p.Version);
    }

    private static string? Distro(string? id, string? version) =>
        id is null ? null : version is null ? id : $"{id}-{version}";

    private static string WithoutEpoch(string version, string? epoch) =>
        epoch is not null && version.StartsWith(epoch + ":", StringComparison.Ordinal) ? version[(epoch.Length + 1)..] : version;

    private static string Build(string type, string? ns, string name, string version, params (string Key, string? Value)[] qualifiers)
    {
        var sb = new StringBuilder("pkg:").Append(type).Append('/');
        if (!string.IsNullOrEmpty(ns))
        {
            foreach (var segment in ns.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append(Encode(segment)).Append('/');
            }
        }

        sb.Append(Encode(name)).Append('@').Append(Encode(version));
        var present = qualifiers.Where(q => !string.IsNullOrEmpty(q.Value)).OrderBy(q => q.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < present.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(present[i].Key).Append('=').Append(Encode(present[i].Value!));
        }

        return sb.ToString();
    }

    // Unreserved characters and ':' stay as they are; everything else is percent-encoded as UTF-8.
    private static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2"));
            }
        }

        return sb.ToString();
    }
}
