namespace Berth.Scanning.Advisories.Matching;

/// <summary>
/// The OSV ecosystem strings (and version forms) an inventory must use to find distribution advisories:
/// Debian by source package and release, Alpine by origin package and branch, RPM distributions by binary
/// package name and <c>EPOCH:VERSION-RELEASE</c>.
/// </summary>
public static class DistroEcosystems
{
    // Debian's distro-info-data (debian.csv) "version" column: OSV's Debian:<RELEASE>.
    private static readonly Dictionary<string, string> DebianReleases = new(StringComparer.Ordinal)
    {
        ["buzz"] = "1.1", ["rex"] = "1.2", ["bo"] = "1.3", ["hamm"] = "2.0", ["slink"] = "2.1",
        ["potato"] = "2.2", ["woody"] = "3.0", ["sarge"] = "3.1", ["etch"] = "4.0", ["lenny"] = "5.0",
        ["squeeze"] = "6.0", ["wheezy"] = "7", ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10",
        ["bullseye"] = "11", ["bookworm"] = "12", ["trixie"] = "13", ["forky"] = "14", ["duke"] = "15",
    };

    /// <summary>
    /// <c>Debian:N</c> for a codename (<c>bullseye</c> → <c>Debian:11</c>, <c>etch</c> → <c>Debian:4.0</c>);
    /// suffixes such as <c>-lts</c> and <c>-security</c> are ignored. A codename without a number (<c>sid</c>)
    /// gives <c>Debian:sid</c>, as OSV prescribes.
    /// </summary>
    public static string DebianFromCodename(string codename)
    {
        ArgumentNullException.ThrowIfNull(codename);
        var name = codename.Trim().ToLowerInvariant();
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        name = dash > 0 ? name[..dash] : name;
        return "Debian:" + (DebianReleases.TryGetValue(name, out var release) ? release : name);
    }

    /// <summary>
    /// <c>Debian:N</c> from <c>/etc/os-release</c> <c>VERSION_ID</c> or <c>/etc/debian_version</c>:
    /// 7 and later by major number (<c>11.6</c> → <c>Debian:11</c>), older releases by major.minor
    /// (<c>6.0.10</c> → <c>Debian:6.0</c>). Null when the text is not a release number (<c>bookworm/sid</c>).
    /// </summary>
    public static string? DebianFromVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Trim().Split('.');
        if (!int.TryParse(parts[0], out var major))
        {
            return null;
        }

        if (major >= 7)
        {
            return $"Debian:{major}";
        }

        var minor = parts.Length > 1 && int.TryParse(parts[1], out var m) ? m : 0;
        return $"Debian:{major}.{minor}";
    }

    /// <summary><c>Alpine:vX.Y</c> from <c>/etc/alpine-release</c> or <c>VERSION_ID</c> (<c>3.11.6</c> → <c>Alpine:v3.11</c>).</summary>
    public static string? Alpine(string release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var parts = release.Trim().TrimStart('v').Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor)
            ? $"Alpine:v{major}.{minor}"
            : null;
    }

    /// <summary><c>AlmaLinux:N</c> from <c>VERSION_ID</c> (<c>9.3</c> → <c>AlmaLinux:9</c>).</summary>
    public static string? AlmaLinux(string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        var major = versionId.Trim().Split('.')[0];
        return int.TryParse(major, out var n) ? $"AlmaLinux:{n}" : null;
    }

    /// <summary>
    /// The rpm version form advisories use: <c>EPOCH:VERSION-RELEASE</c>, with the epoch left out when it is
    /// missing or 0 (the rpm comparer reads a missing epoch as 0, so both forms order the same).
    /// </summary>
    public static string RpmVersion(long? epoch, string version, string release)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(release);
        var evr = release.Length == 0 ? version : $"{version}-{release}";
        return epoch is null or 0 ? evr : $"{epoch}:{evr}";
    }
}
