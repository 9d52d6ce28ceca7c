namespace Berth.Scanning.Versions;

/// <summary>
/// Maven artifact versions ordered by the POM reference's "Version Order Specification"
/// (https://maven.apache.org/pom.html#version-order-specification), the reading OSV uses for Maven advisories.
/// </summary>
/// <remarks>
/// <para>Following the specification's steps:</para>
/// <list type="number">
/// <item>The version is split into tokens at <c>.</c>, at <c>-</c> and at transitions between digits and
/// other characters; each token remembers its separator (its prefix), a transition counting as <c>-</c>.
/// Empty tokens are 0.</item>
/// <item>From the end of the version, trailing "null" tokens (0, "", <c>final</c>, <c>ga</c>, and
/// <c>release</c>, which later editions of the page add) are removed; then again before each remaining
/// <c>-</c>, from the end to the start. The first token always stays.</item>
/// <item>The shorter token list is padded with nulls: 0 facing a <c>.</c> number, "" facing a <c>-</c> token
/// (the specification's padding rule) and "" facing any qualifier (see
/// <see cref="MavenToken.NullFacing"/>).</item>
/// <item>Tokens are compared in order. Under the same prefix numbers compare numerically (at any size) and
/// qualifiers as <c>alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = final = ga = release &lt;
/// sp &lt;</c> all other qualifiers, those alphabetically; <c>a</c>, <c>b</c> and <c>m</c> directly followed
/// by a number mean alpha, beta and milestone. Under different prefixes
/// <c>.qualifier &lt; -qualifier &lt; -number &lt; .number</c>.</item>
/// </list>
/// <para>Where the specification is silent or its editions differ, this comparer decides as the OSV fixtures
/// in the tests require: qualifiers compare case-insensitively (<c>1X = 1x</c>, <c>1RELEASE = 1</c>); a
/// qualifier orders before a number under the same prefix, as it does under different ones; only ASCII
/// digits are digits. The prefix rule keeps the page's original wording
/// (<c>.qualifier &lt; -qualifier</c>); later editions write <c>.qualifier = -qualifier</c>, which fails
/// fixture lines such as <c>1.5.9.RC1 &lt; 1.5.9-RC0</c>.</para>
/// <para>The specification's order is not transitive, so neither is this comparer (the exception
/// <see cref="IVersionComparer"/> documents). Trimming removes only trailing nulls, so <c>2.9.0-1</c> loses its
/// <c>.0</c> while <c>2.9.0.RC1</c> keeps it, and the fixtures say <c>2.9.0.RC3 &lt; 2.9.0 &lt; 2.9.0-1 &lt;
/// 2.9.0.RC1</c> although <c>2.9.0.RC1 &lt; 2.9.0.RC3</c>. Such cycles mix <c>.</c> qualifiers with <c>-</c>
/// tokens; sorting versions that do gives an order that depends on the input order. Maven's own
/// implementation answers some of these mixed pairs differently (see the test data NOTICE).</para>
/// <para>Every string has a reading, so every string is compared: <see cref="IVersionComparer.IsValid"/> is
/// false only for the empty string and strings with whitespace or control characters, which no repository
/// accepts.</para>
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
        // A version of n characters has at most n + 1 tokens.
        Span<MavenToken> a = x.Length < StackTokens ? stackalloc MavenToken[StackTokens] : new MavenToken[x.Length + 1];
        Span<MavenToken> b = y.Length < StackTokens ? stackalloc MavenToken[StackTokens] : new MavenToken[y.Length + 1];
        a = a[..Tokenize(x, a)];
        b = b[..Tokenize(y, b)];
        for (var i = 0; i < a.Length || i < b.Length; i++)
        {
            var left = i < a.Length ? a[i] : MavenToken.NullFacing(b[i]);
            var right = i < b.Length ? b[i] : MavenToken.NullFacing(a[i]);
            var result = Compare(left, x, right, y);
            if (result != 0)
            {
                return result;
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
        for (var end = 0; end <= version.Length; end++)
        {
            if (end < version.Length && version[end] != '.' && version[end] != '-')
            {
                continue;
            }

            // version[start..end] lies between separators: empty (0) or runs of digits and non-digits.
            if (end == start)
            {
                tokens[count++] = MavenToken.Zero(prefix);
            }

            for (var i = start; i < end; prefix = '-')
            {
                var numeric = VersionText.IsDigit(version[i]);
                var length = 1;
                while (i + length < end && VersionText.IsDigit(version[i + length]) == numeric)
                {
                    length++;
                }

                tokens[count++] = numeric
                    ? MavenToken.Number(prefix, version, i, length)
                    : MavenToken.Qualifier(prefix, version, i, length, directlyBeforeNumber: i + length < end);
                i += length;
            }

            prefix = end < version.Length ? version[end] : prefix;
            start = end + 1;
        }

        return Trim(tokens[..count]);
    }

    // Removes the trailing nulls, then those before each remaining hyphen, from the end to the start; the
    // first token stays.
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

            // Not null: skip back to the token after the previous hyphen, then trim what precedes it.
            while (i > 0 && tokens[i].Prefix != '-')
            {
                i--;
            }

            i--;
        }

        return count;
    }

    private static int Compare(MavenToken v, ReadOnlySpan<char> x, MavenToken w, ReadOnlySpan<char> y)
    {
        if (v.Prefix != w.Prefix || v.Numeric != w.Numeric)
        {
            // .qualifier < -qualifier < -number < .number; under one prefix a qualifier before a number.
            return Kind(v).CompareTo(Kind(w));
        }

        if (v.Numeric)
        {
            return VersionText.CompareNumbers(v.Text(x), w.Text(y));
        }

        if (v.Rank != w.Rank || v.Rank != MavenToken.Other)
        {
            return v.Rank.CompareTo(w.Rank);
        }

        return CompareIgnoringCase(v.Text(x), w.Text(y));
    }

    private static int Kind(MavenToken t) => (t.Numeric, t.Prefix) switch
    {
        (false, '.') => 0,
        (false, _) => 1,
        (true, '-') => 2,
        _ => 3,
    };

    private static int CompareIgnoringCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
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
