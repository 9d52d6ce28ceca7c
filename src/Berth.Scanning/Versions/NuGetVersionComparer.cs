namespace Berth.Scanning.Versions;

/// <summary>
/// NuGet package versions ordered as NuGet's <c>VersionComparer.Default</c>: SemVer 2.0.0 extended with the
/// legacy fourth number (<c>1.0.0.1</c>), one to four numbers with missing ones as 0 (<c>1.0</c> =
/// <c>1.0.0.0</c>) and leading zeros allowed (<c>1.01</c> = <c>1.1</c>); prerelease labels compared
/// case-insensitively (<c>1.0.0-BETA</c> = <c>1.0.0-beta</c>); build metadata ignored.
/// </summary>
/// <remarks>
/// Surrounding whitespace is ignored, as <c>NuGetVersion.TryParse</c> does. Invalid strings order by a lenient
/// reading: numbers of any size (NuGet refuses numbers above 2^31-1), more than four numbers or other text
/// after them (<c>1.2.3.4.5</c>, <c>1.0a</c>) order the version after the same numbers without that tail and
/// ordinally among such tails. Strings without a leading number order before every other version, ordinally
/// among themselves. Numeric labels of any size compare numerically (NuGet compares labels above 2^31-1 as text).
/// </remarks>
public sealed class NuGetVersionComparer : VersionComparer
{
    private const int MaxNumbers = 4;

    /// <summary>The shared instance.</summary>
    public static NuGetVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "nuget";

    /// <inheritdoc />
    protected override bool IsValidCore(string version)
    {
        var s = version.AsSpan().Trim();
        var numbers = NumbersLength(s, out var count);
        if (count == 0 || (numbers < s.Length && s[numbers] != '-' && s[numbers] != '+'))
        {
            return false;
        }

        foreach (var range in s[..numbers].Split('.'))
        {
            if (!int.TryParse(s[..numbers][range], System.Globalization.NumberStyles.None, null, out _))
            {
                return false;
            }
        }

        SplitLabels(s[numbers..], out var hasLabels, out var labels, out var hasMetadata, out var metadata);
        return (!hasLabels || Identifiers(labels, allowLeadingZeros: false)) &&
            (!hasMetadata || Identifiers(metadata, allowLeadingZeros: true));
    }

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var a = x.AsSpan().Trim();
        var b = y.AsSpan().Trim();
        var numbersA = NumbersLength(a, out var countA);
        var numbersB = NumbersLength(b, out var countB);
        if (countA == 0 || countB == 0)
        {
            return countA == 0 && countB == 0 ? VersionText.Ordinal(a, b) : countA == 0 ? -1 : 1;
        }

        var result = CompareNumbers(a[..numbersA], b[..numbersB]);
        if (result != 0)
        {
            return result;
        }

        // Labels start at '-', metadata at '+'; anything else after the numbers is a lenient tail.
        var tailA = a[numbersA..];
        var tailB = b[numbersB..];
        var restA = tailA.Length > 0 && tailA[0] != '-' && tailA[0] != '+';
        var restB = tailB.Length > 0 && tailB[0] != '-' && tailB[0] != '+';
        if (restA || restB)
        {
            return restA && restB ? VersionText.Ordinal(tailA, tailB) : restA ? 1 : -1;
        }

        SplitLabels(tailA, out var hasLabelsA, out var labelsA, out _, out _);
        SplitLabels(tailB, out var hasLabelsB, out var labelsB, out _, out _);
        if (hasLabelsA != hasLabelsB)
        {
            return hasLabelsA ? -1 : 1;
        }

        return SemVerComparer.ComparePrerelease(labelsA, labelsB, ignoreCase: true);
    }

    // Length of the leading "n[.n[.n[.n]]]" and how many numbers it holds.
    private static int NumbersLength(ReadOnlySpan<char> s, out int count)
    {
        count = 0;
        var i = 0;
        while (count < MaxNumbers)
        {
            var length = VersionText.DigitRun(s[i..]);
            if (length == 0)
            {
                break;
            }

            count++;
            i += length;
            if (count == MaxNumbers || i + 1 >= s.Length || s[i] != '.' || !VersionText.IsDigit(s[i + 1]))
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var n = 0; n < MaxNumbers; n++)
        {
            var l = left.MoveNext() ? a[left.Current] : [];
            var r = right.MoveNext() ? b[right.Current] : [];
            var result = VersionText.CompareNumbers(l, r);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    private static void SplitLabels(ReadOnlySpan<char> tail, out bool hasLabels, out ReadOnlySpan<char> labels,
        out bool hasMetadata, out ReadOnlySpan<char> metadata)
    {
        var plus = tail.IndexOf('+');
        hasMetadata = plus >= 0;
        metadata = hasMetadata ? tail[(plus + 1)..] : [];
        var beforeMetadata = hasMetadata ? tail[..plus] : tail;
        hasLabels = beforeMetadata.Length > 0 && beforeMetadata[0] == '-';
        labels = hasLabels ? beforeMetadata[1..] : [];
    }

    private static bool Identifiers(ReadOnlySpan<char> text, bool allowLeadingZeros)
    {
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.IsEmpty || (!allowLeadingZeros && part.Length > 1 && part[0] == '0' &&
                VersionText.DigitRun(part) == part.Length))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!VersionText.IsLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
