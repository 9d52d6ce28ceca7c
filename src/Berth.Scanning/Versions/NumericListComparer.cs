namespace Berth.Scanning.Versions;

/// <summary>
/// Versions that are lists of numbers compared element by element, a list before any longer list it
/// prefixes (<c>1.0 &lt; 1.0.0</c>): Hackage (Cabal's <c>Version</c>, separated by <c>.</c>) and CRAN
/// (R's <c>package_version</c>, separated by <c>.</c> or <c>-</c>). Numbers of any size compare numerically.
/// </summary>
/// <remarks>
/// Invalid strings order by a lenient reading: the leading numbers, then any other text after them orders
/// the version after the same numbers without it (ordinally among such tails); strings without a leading
/// number order before every other version, ordinally among themselves.
/// </remarks>
public sealed class NumericListComparer : VersionComparer
{
    private readonly string _separators;
    private readonly int _minimumNumbers;

    private NumericListComparer(string scheme, string separators, int minimumNumbers)
    {
        Scheme = scheme;
        _separators = separators;
        _minimumNumbers = minimumNumbers;
    }

    /// <summary>Hackage: <c>1</c>, <c>1.2.3.4</c>.</summary>
    public static NumericListComparer Hackage { get; } = new("hackage", ".", 1);

    /// <summary>CRAN: at least two numbers, <c>1.2-3</c>.</summary>
    public static NumericListComparer Cran { get; } = new("cran", ".-", 2);

    /// <inheritdoc />
    public override string Scheme { get; }

    /// <inheritdoc />
    protected override bool IsValidCore(string version)
    {
        var length = NumbersLength(version, out var count);
        return length == version.Length && count >= _minimumNumbers;
    }

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var lengthA = NumbersLength(x, out var countA);
        var lengthB = NumbersLength(y, out var countB);
        if (countA == 0 || countB == 0)
        {
            return countA == 0 && countB == 0 ? VersionText.Ordinal(x, y) : countA == 0 ? -1 : 1;
        }

        var left = x.AsSpan(0, lengthA).SplitAny(_separators);
        var right = y.AsSpan(0, lengthB).SplitAny(_separators);
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                if (hasLeft != hasRight)
                {
                    return hasLeft ? 1 : -1;
                }

                break;
            }

            var result = VersionText.CompareNumbers(x.AsSpan()[left.Current], y.AsSpan()[right.Current]);
            if (result != 0)
            {
                return result;
            }
        }

        var restA = x.AsSpan(lengthA);
        var restB = y.AsSpan(lengthB);
        return restA.IsEmpty != restB.IsEmpty ? (restA.IsEmpty ? -1 : 1) : VersionText.Ordinal(restA, restB);
    }

    // Length of the leading "n(sep n)*" and how many numbers it holds.
    private int NumbersLength(ReadOnlySpan<char> s, out int count)
    {
        count = 0;
        var i = 0;
        while (true)
        {
            // Only the first run can be empty: a separator is consumed only when a digit follows.
            var digits = VersionText.DigitRun(s[i..]);
            if (digits == 0)
            {
                return 0;
            }

            count++;
            i += digits;
            if (i + 1 >= s.Length || _separators.IndexOf(s[i]) < 0 || !VersionText.IsDigit(s[i + 1]))
            {
                return i;
            }

            i++;
        }
    }
}
