namespace Berth.Scanning.Versions;

/// <summary>
/// Semantic Versioning 2.0.0 (npm, crates.io, Hex): major, minor and patch numerically (any size), then a
/// version with a prerelease before the same version without; prerelease identifiers compared left to right,
/// numeric ones numerically and before alphanumeric ones, alphanumeric ones in ASCII order, a shorter list
/// before a longer one it prefixes. Build metadata is ignored: <c>1.0.0+a</c> equals <c>1.0.0+b</c>.
/// </summary>
/// <remarks>
/// A leading <c>v</c> is accepted, as npm does. Invalid strings order by a lenient reading: missing minor or
/// patch count as 0, leading zeros are allowed, and text after the numbers that starts neither a prerelease
/// nor build metadata (<c>1.2.3.4</c>) orders the version after the same numbers without it, ordinally among
/// such tails. Strings without a leading number order before every other version, ordinally among themselves.
/// </remarks>
public sealed class SemVerComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static SemVerComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "semver";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => SemVerParts.Split(version).IsStrict(allowShorthand: false);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y) =>
        CompareLenient(SemVerParts.Split(x), SemVerParts.Split(y), x, y);

    /// <summary>The lenient SemVer order described on <see cref="SemVerComparer"/>.</summary>
    internal static int CompareLenient(SemVerParts a, SemVerParts b, string x, string y)
    {
        if (a.Numbers == 0 || b.Numbers == 0)
        {
            return a.Numbers == 0 && b.Numbers == 0 ? VersionText.Ordinal(x, y) : a.Numbers == 0 ? -1 : 1;
        }

        var result = CompareCore(a, b);
        if (result != 0)
        {
            return result;
        }

        if (a.Rest.IsEmpty != b.Rest.IsEmpty)
        {
            return a.Rest.IsEmpty ? -1 : 1;
        }

        return VersionText.Ordinal(a.Rest, b.Rest);
    }

    /// <summary>Numbers, then prerelease; build metadata ignored.</summary>
    internal static int CompareCore(SemVerParts a, SemVerParts b)
    {
        var result = VersionText.CompareNumbers(a.Major, b.Major);
        if (result == 0)
        {
            result = VersionText.CompareNumbers(a.Minor, b.Minor);
        }

        if (result == 0)
        {
            result = VersionText.CompareNumbers(a.Patch, b.Patch);
        }

        if (result != 0 || a.HasPrerelease != b.HasPrerelease)
        {
            return result != 0 ? result : a.HasPrerelease ? -1 : 1;
        }

        return ComparePrerelease(a.Prerelease, b.Prerelease, ignoreCase: false);
    }

    /// <summary>
    /// Compares dot-separated prerelease labels: numeric identifiers numerically and before alphanumeric
    /// ones, others ordinally (optionally ignoring ASCII case, as NuGet does); a prefix orders first.
    /// </summary>
    internal static int ComparePrerelease(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool ignoreCase)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft == hasRight ? 0 : hasLeft ? 1 : -1;
            }

            var l = a[left.Current];
            var r = b[right.Current];
            var leftNumeric = l.Length > 0 && VersionText.DigitRun(l) == l.Length;
            var rightNumeric = r.Length > 0 && VersionText.DigitRun(r) == r.Length;
            int result;
            if (leftNumeric && rightNumeric)
            {
                result = VersionText.CompareNumbers(l, r);
            }
            else if (leftNumeric != rightNumeric)
            {
                result = leftNumeric ? -1 : 1;
            }
            else
            {
                result = ignoreCase
                    ? Math.Sign(l.CompareTo(r, StringComparison.OrdinalIgnoreCase))
                    : VersionText.Ordinal(l, r);
            }

            if (result != 0)
            {
                return result;
            }
        }
    }
}
