namespace Berth.Scanning.Versions;

/// <summary>
/// Maven artifact versions ordered by the POM reference's "Version Order Specification" — the reading OSV
/// uses for Maven advisories, and the one Maven's <c>ComparableVersion</c> implements with small differences.
/// </summary>
/// <remarks>
/// <para>The version is split into tokens at <c>.</c>, <c>-</c> and digit/non-digit transitions (a transition
/// counts as <c>-</c>), each remembering its separator; empty tokens are 0. Trailing "null" tokens (0, "",
/// <c>ga</c>, <c>final</c>, <c>release</c>) are trimmed from the end and again before each remaining hyphen.
/// The shorter version is padded with nulls (0 after <c>.</c>, "" after <c>-</c>). Tokens with the same
/// separator compare numbers numerically, numbers after qualifiers, and qualifiers as
/// <c>alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp &lt;</c>
/// other qualifiers alphabetically (case-insensitive; <c>a1</c>, <c>b1</c>, <c>m1</c> abbreviate alpha-1,
/// beta-1, milestone-1). Tokens with different separators order as
/// <c>.qualifier &lt; -qualifier &lt; -number &lt; .number</c>.</para>
/// <para>Every string has a reading, so every string is valid: <see cref="IVersionComparer.IsValid"/> is
/// false only for the empty string and strings with whitespace or control characters, which no repository
/// accepts. Maven 3.9's <c>ComparableVersion</c> orders a few odd versions differently (for example it puts
/// <c>2.9.0.RC1</c> before <c>2.9.0-1</c> and <c>1-ga-1</c> after <c>1-1</c>); see the test data NOTICE.</para>
/// </remarks>
public sealed class MavenVersionComparer : VersionComparer
{
    private const int StackTokens = 64;

    /// <summary>The shared instance.</summary>
    public static MavenVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "maven";

    /// <inheritdoc />
    protected override bool IsValidCore(string version)
    {
        foreach (var c in version)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return version.Length > 0;
    }

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        Span<MavenToken> a = x.Length < StackTokens ? stackalloc MavenToken[StackTokens] : new MavenToken[x.Length + 1];
        Span<MavenToken> b = y.Length < StackTokens ? stackalloc MavenToken[StackTokens] : new MavenToken[y.Length + 1];
        a = a[..Tokenize(x, a)];
        b = b[..Tokenize(y, b)];
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : MavenToken.PaddingFor(b[i]);
            var right = i < b.Length ? b[i] : MavenToken.PaddingFor(a[i]);
            if (Less(left, x, right, y))
            {
                return -1;
            }

            if (Less(right, y, left, x))
            {
                return 1;
            }
        }

        return 0;
    }

    /// <summary>Splits and trims <paramref name="version"/> into <paramref name="tokens"/>; returns the count (at least 1).</summary>
    internal static int Tokenize(ReadOnlySpan<char> version, Span<MavenToken> tokens)
    {
        var count = 0;
        var prefix = '\0';
        var start = 0;
        for (var i = 0; i <= version.Length; i++)
        {
            if (i < version.Length && version[i] != '.' && version[i] != '-')
            {
                continue;
            }

            if (i == start)
            {
                tokens[count++] = MavenToken.Zero(prefix);
            }

            for (var j = start; j < i; prefix = '-')
            {
                var numeric = VersionText.IsDigit(version[j]);
                var length = 1;
                while (j + length < i && VersionText.IsDigit(version[j + length]) == numeric)
                {
                    length++;
                }

                tokens[count++] = numeric
                    ? MavenToken.Number(prefix, version, j, length)
                    : MavenToken.Qualifier(prefix, version, j, length, followedByNumber: j + length < i);
                j += length;
            }

            prefix = i < version.Length ? version[i] : prefix;
            start = i + 1;
        }

        return Trim(tokens[..count]);
    }

    // Removes trailing nulls, then again before each remaining hyphen, from the end to the start.
    private static int Trim(Span<MavenToken> tokens)
    {
        var count = tokens.Length;
        var i = count - 1;
        while (i > 0)
        {
            if (tokens[i].IsNull)
            {
                tokens[(i + 1)..count].CopyTo(tokens[i..]);
                count--;
                i--;
                continue;
            }

            while (i >= 0 && tokens[i].Prefix != '-')
            {
                i--;
            }

            i--;
        }

        return count;
    }

    private static bool Less(MavenToken v, ReadOnlySpan<char> x, MavenToken w, ReadOnlySpan<char> y)
    {
        if (v.Prefix != w.Prefix)
        {
            // .qualifier < -qualifier < -number < .number
            return Rank(v) < Rank(w);
        }

        if (v.Numeric && w.Numeric)
        {
            return VersionText.CompareNumbers(v.Text(x), w.Text(y)) < 0;
        }

        // Numbers order after qualifiers, except the 0 a shorter version is padded with.
        if (v.Numeric && !v.Padding)
        {
            return false;
        }

        if (w.Numeric && !w.Padding)
        {
            return true;
        }

        var kv = v.Numeric ? MavenToken.Other : v.Keyword;
        var kw = w.Numeric ? MavenToken.Other : w.Keyword;
        if (kv != MavenToken.Other || kw != MavenToken.Other)
        {
            return kv < kw;
        }

        // Two other qualifiers (or padding 0 against one): alphabetical, case-insensitive.
        return CompareLowercase(v.Numeric ? "0" : v.Text(x), w.Numeric ? "0" : w.Text(y)) < 0;
    }

    private static int Rank(MavenToken t) => (t.Numeric, t.Prefix) switch
    {
        (false, '.') => 0,
        (false, _) => 1,
        (true, '-') => 2,
        _ => 3,
    };

    private static int CompareLowercase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var result = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[i]));
            if (result != 0)
            {
                return result;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
