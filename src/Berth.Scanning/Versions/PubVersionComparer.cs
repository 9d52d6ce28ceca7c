namespace Berth.Scanning.Versions;

/// <summary>
/// Dart Pub versions ordered as <c>pub_semver</c>'s <c>Version.compareTo</c>: SemVer 2.0.0, except that
/// build metadata is not ignored: a version without build metadata orders before the same version with it
/// (<c>1.0.0 &lt; 1.0.0+1</c>), and build identifiers compare like prerelease ones (numbers first, then
/// text in ASCII order).
/// </summary>
/// <remarks>Invalid strings order by <see cref="SemVerComparer"/>'s lenient reading, then by build.</remarks>
public sealed class PubVersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static PubVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "pub";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) =>
        !version.StartsWith('v') && !version.StartsWith('V') && SemVerParts.Split(version).IsStrict(allowShorthand: false);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var a = SemVerParts.Split(x);
        var b = SemVerParts.Split(y);
        var result = SemVerComparer.CompareLenient(a, b, x, y);
        if (result != 0 || a.Numbers == 0)
        {
            return result;
        }

        if (a.HasBuild != b.HasBuild)
        {
            return a.HasBuild ? 1 : -1;
        }

        return SemVerComparer.ComparePrerelease(a.Build, b.Build, ignoreCase: false);
    }
}
