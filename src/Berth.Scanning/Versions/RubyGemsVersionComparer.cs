namespace Berth.Scanning.Versions;

/// <summary>
/// RubyGems versions ordered as <c>Gem::Version#&lt;=&gt;</c>: segments are runs of digits and runs of
/// letters (<c>-</c> reads as <c>.pre.</c>); the canonical form drops trailing zeros from the leading numeric
/// segments and from the segments from the first letter run on (<c>1.0.a.0</c> = <c>1.a</c>); then segments
/// compare pairwise with missing ones as 0, a letter run before any number (so <c>1.0.b1</c> &lt;
/// <c>1.0</c>), numbers numerically (any size), letter runs ordinally (case-sensitive).
/// </summary>
/// <remarks>
/// <see cref="IVersionComparer.IsValid"/> is <c>Gem::Version.correct?</c>. Strings RubyGems would reject
/// compare by the same reading: characters other than digits, letters and <c>-</c> just separate segments.
/// Blank strings are version 0, as in RubyGems.
/// </remarks>
public sealed class RubyGemsVersionComparer : VersionComparer
{
    private const int StackSegments = 32;

    /// <summary>The shared instance.</summary>
    public static RubyGemsVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "rubygems";

    /// <inheritdoc />
    protected override bool IsValidCore(string version)
    {
        // \A\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z
        var s = version.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return true;
        }

        var hyphen = s.IndexOf('-');
        var release = hyphen >= 0 ? s[..hyphen] : s;
        if (release.IsEmpty || !VersionText.IsDigit(release[0]) || !Parts(release, allowHyphen: false))
        {
            return false;
        }

        return hyphen < 0 || Parts(s[(hyphen + 1)..], allowHyphen: true);
    }

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        Span<Segment> a = x.Length < StackSegments ? stackalloc Segment[StackSegments] : new Segment[x.Length + 1];
        Span<Segment> b = y.Length < StackSegments ? stackalloc Segment[StackSegments] : new Segment[y.Length + 1];
        a = a[..Canonical(x, a)];
        b = b[..Canonical(y, b)];
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : Segment.Zero;
            var right = i < b.Length ? b[i] : Segment.Zero;
            if (left.Numeric != right.Numeric)
            {
                return left.Numeric ? 1 : -1;
            }

            var result = left.Numeric
                ? VersionText.CompareNumbers(left.Text(x), right.Text(y))
                : VersionText.Ordinal(left.Text(x), right.Text(y));
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    // Splits into segments (each '-' adds a "pre" segment) and drops trailing zeros of both groups.
    private static int Canonical(string version, Span<Segment> segments)
    {
        var count = 0;
        var s = version.AsSpan();
        for (var i = 0; i < s.Length;)
        {
            var length = VersionText.IsDigit(s[i]) ? VersionText.DigitRun(s[i..]) : VersionText.LetterRun(s[i..]);
            if (length > 0)
            {
                segments[count++] = new Segment(i, length, VersionText.IsDigit(s[i]));
                i += length;
                continue;
            }

            if (s[i] == '-')
            {
                segments[count++] = Segment.Pre;
            }

            i++;
        }

        var firstString = 0;
        while (firstString < count && segments[firstString].Numeric)
        {
            firstString++;
        }

        var numericEnd = firstString;
        while (numericEnd > 0 && segments[numericEnd - 1].IsZero(s))
        {
            numericEnd--;
        }

        var end = count;
        while (end > firstString && segments[end - 1].IsZero(s))
        {
            end--;
        }

        segments[firstString..end].CopyTo(segments[numericEnd..]);
        return numericEnd + (end - firstString);
    }

    private static bool Parts(ReadOnlySpan<char> text, bool allowHyphen)
    {
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.IsEmpty)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!VersionText.IsLetterOrDigit(c) && !(allowHyphen && c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A digit or letter run of the version; <see cref="Start"/> -1 is the "pre" a hyphen stands for.</summary>
    private readonly record struct Segment(int Start, int Length, bool Numeric)
    {
        public static Segment Zero => new(0, 0, true);

        public static Segment Pre => new(-1, 3, false);

        public ReadOnlySpan<char> Text(string version) =>
            Start < 0 ? "pre" : version.AsSpan(Start, Length);

        public bool IsZero(ReadOnlySpan<char> version) =>
            Numeric && (Length == 0 || VersionText.IsZero(version.Slice(Start, Length)));
    }
}
