namespace Berth.Scanning.Versions;

/// <summary>
/// RPM versions (<c>[epoch:]version[-release]</c>, Red Hat, AlmaLinux, Rocky Linux, SUSE ...) ordered as rpm
/// orders them: epochs, then versions, then releases, each with <c>rpmvercmp</c> — alphabetic and numeric
/// segments separated by any other characters, numeric segments newer than alphabetic ones, <c>~</c> older
/// than anything (even the end of the string) and <c>^</c> newer than the end of the string but older than
/// any further segment.
/// </summary>
/// <remarks>
/// Splitting follows rpm's <c>parseEVR</c>: the epoch is the run of leading digits when a <c>:</c> follows it
/// (so <c>a:1</c> has no epoch and its colon is just a separator), the release is what follows the last
/// <c>-</c>. A missing epoch is 0. One deliberate difference from rpm keeps the order total: rpm skips the
/// release comparison when either side has no release (so <c>1</c> equals both <c>1-1</c> and <c>1-2</c>);
/// here a version without a release orders before the same version with any release, even an empty one.
/// Every string is readable this way, so no string orders specially.
/// </remarks>
public sealed class RpmVersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static RpmVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "rpm";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => RpmVersion.TryParse(version, out _);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        RpmVersion.Split(x, out var epochA, out var versionA, out var releaseA, out var hasReleaseA);
        RpmVersion.Split(y, out var epochB, out var versionB, out var releaseB, out var hasReleaseB);
        var result = RpmVerCmp(epochA.IsEmpty ? "0" : epochA, epochB.IsEmpty ? "0" : epochB);
        if (result == 0)
        {
            result = RpmVerCmp(versionA, versionB);
        }

        if (result == 0 && hasReleaseA != hasReleaseB)
        {
            return hasReleaseA ? 1 : -1;
        }

        return result != 0 ? result : RpmVerCmp(releaseA, releaseB);
    }

    /// <summary>rpm's <c>rpmvercmp</c> for one field (epoch, version or release).</summary>
    internal static int RpmVerCmp(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            i = SkipSeparators(a, i);
            j = SkipSeparators(b, j);
            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';

            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            // '^' is like '~' except that the end of the other string (the base version) is older.
            if (ca == '^' || cb == '^')
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = VersionText.IsDigit(ca);
            var lengthA = numeric ? VersionText.DigitRun(a[i..]) : VersionText.LetterRun(a[i..]);
            var lengthB = numeric ? VersionText.DigitRun(b[j..]) : VersionText.LetterRun(b[j..]);

            // Segments of different types: numeric is newer than alphabetic.
            if (lengthB == 0)
            {
                return numeric ? 1 : -1;
            }

            var result = numeric
                ? VersionText.CompareNumbers(a.Slice(i, lengthA), b.Slice(j, lengthB))
                : VersionText.Ordinal(a.Slice(i, lengthA), b.Slice(j, lengthB));
            if (result != 0)
            {
                return result;
            }

            i += lengthA;
            j += lengthB;
        }

        // All segments equal: whichever still has characters left wins.
        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        return i >= a.Length ? -1 : 1;
    }

    private static int SkipSeparators(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && !VersionText.IsLetterOrDigit(s[i]) && s[i] != '~' && s[i] != '^')
        {
            i++;
        }

        return i;
    }
}
