namespace Berth.Scanning.Versions;

/// <summary>
/// Go module versions ordered as <c>golang.org/x/mod/semver.Compare</c>: SemVer 2.0.0 with Go's shorthands
/// (<c>v1</c> = <c>v1.0.0</c>, <c>v1.2</c> = <c>v1.2.0</c>). Build metadata is ignored, so
/// <c>v2.0.0+incompatible</c> equals <c>v2.0.0</c>; pseudo-versions (<c>v0.0.0-20191109021931-daa7c04131f5</c>,
/// <c>v1.2.4-0.20191109021931-daa7c04131f5</c>) are prereleases and order by their timestamp.
/// </summary>
/// <remarks>
/// The leading <c>v</c> is optional, because OSV writes Go versions without it (<c>1.2.3</c>). As in Go, an
/// invalid version orders before every valid one; where Go calls all invalid versions equal, this comparer
/// orders them by the lenient SemVer reading of <see cref="SemVerComparer"/>.
/// </remarks>
public sealed class GoVersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static GoVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "go";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => SemVerParts.Split(version).IsStrict(allowShorthand: true);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var a = SemVerParts.Split(x);
        var b = SemVerParts.Split(y);
        var validA = a.IsStrict(allowShorthand: true);
        var validB = b.IsStrict(allowShorthand: true);
        if (validA != validB)
        {
            return validA ? 1 : -1;
        }

        return validA ? SemVerComparer.CompareCore(a, b) : SemVerComparer.CompareLenient(a, b, x, y);
    }
}
