namespace Berth.Scanning.Versions;

/// <summary>
/// Maven artifact versions ordered as Maven 3.9's <c>ComparableVersion</c> orders them (what Maven uses for
/// version ranges): numbers, qualifiers and sublists split at <c>.</c>, at <c>-</c> (which opens a sublist)
/// and at digit/letter transitions (which also open one); trailing zeros and release qualifiers
/// (<c>ga</c>, <c>final</c>, <c>release</c>) dropped from each list; then items compared with missing ones
/// as "null": qualifiers <c>alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" &lt; sp &lt;</c>
/// other qualifiers alphabetically (case-insensitive; <c>a1</c>, <c>b1</c>, <c>m1</c> abbreviate alpha-1,
/// beta-1, milestone-1), qualifiers &lt; sublists &lt; numbers, numbers numerically at any size.
/// </summary>
/// <remarks>
/// <para>Every string has a reading, so <see cref="IVersionComparer.IsValid"/> is false only for the empty
/// string and strings with whitespace or control characters, which no repository accepts. Only ASCII digits
/// are digits (as in Maven 4; Maven 3.9 also reads other Unicode digits).</para>
/// <para>Maven's order is not transitive where a qualifier sits between dots before more items (it compares
/// such a qualifier with a missing item by its rank, but always below a <c>-</c> sublist):
/// <c>1.0.beta.1 &lt; 1.0 &lt; 1.0-sp &lt; 1.0.beta.1</c> and <c>1 &lt; 1.a.1 &lt; 1-SNAPSHOT &lt; 1</c>.
/// This comparer gives Maven's answer for every pair, so it shares those cycles; it is transitive on all
/// versions in the test fixtures. OSV's Maven comparison follows the POM reference's "Version Order
/// Specification", which agrees with Maven except for some mixes of <c>.</c> and <c>-</c> qualifiers, where it
/// is not transitive either (<c>2.9.0.RC3 &lt; 2.9.0 &lt; 2.9.0-1 &lt; 2.9.0.RC1</c>). This comparer follows
/// Maven there; the test data NOTICE lists the fixture lines concerned.</para>
/// </remarks>
public sealed class MavenVersionComparer : VersionComparer
{
    private const int StackTokens = 128;

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
        // At most two tokens per character, plus one.
        Span<MavenToken> a = x.Length < StackTokens / 2 ? stackalloc MavenToken[StackTokens] : new MavenToken[(2 * x.Length) + 1];
        Span<MavenToken> b = y.Length < StackTokens / 2 ? stackalloc MavenToken[StackTokens] : new MavenToken[(2 * y.Length) + 1];
        a = a[..MavenVersionParser.Parse(x, a)];
        b = b[..MavenVersionParser.Parse(y, b)];
        return CompareLists(a, x, b, y);
    }

    // ListItem.compareTo(ListItem): element by element, a missing element compared as null.
    private static int CompareLists(ReadOnlySpan<MavenToken> a, string x, ReadOnlySpan<MavenToken> b, string y)
    {
        for (var i = 0; i < a.Length || i < b.Length; i++)
        {
            if (i >= a.Length)
            {
                return -CompareWithNull(b[i..], y);
            }

            if (i >= b.Length)
            {
                return CompareWithNull(a[i..], x);
            }

            var result = (a[i].Item, b[i].Item) switch
            {
                (MavenItem.ListStart, MavenItem.ListStart) => CompareLists(a[(i + 1)..], x, b[(i + 1)..], y),
                (MavenItem.Number, MavenItem.Number) => VersionText.CompareNumbers(Text(a[i], x), Text(b[i], y)),
                (MavenItem.Qualifier, MavenItem.Qualifier) => CompareQualifiers(a[i], x, b[i], y),

                // Numbers are greatest, then lists, then qualifiers: 1.1 > 1-1 > 1-sp.
                (MavenItem.Number, _) => 1,
                (_, MavenItem.Number) => -1,
                (MavenItem.ListStart, _) => 1,
                _ => -1,
            };
            if (result != 0 || a[i].Item == MavenItem.ListStart)
            {
                return result;
            }
        }

        return 0;
    }

    // Item.compareTo(null) for the rest of a list: 1.0 = 1, 1.1 > 1, 1-rc < 1, 1-sp > 1.
    private static int CompareWithNull(ReadOnlySpan<MavenToken> rest, string version)
    {
        foreach (var token in rest)
        {
            var result = token.Item switch
            {
                MavenItem.Number => token.Length == 0 ? 0 : 1,
                MavenItem.Qualifier => token.Keyword.CompareTo(MavenToken.Release),
                _ => 0,
            };
            if (result != 0)
            {
                return Math.Sign(result);
            }
        }

        return 0;
    }

    private static int CompareQualifiers(MavenToken a, string x, MavenToken b, string y)
    {
        if (a.Keyword != MavenToken.Other || b.Keyword != MavenToken.Other)
        {
            return a.Keyword.CompareTo(b.Keyword);
        }

        var l = Text(a, x);
        var r = Text(b, y);
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            var result = char.ToLowerInvariant(l[i]).CompareTo(char.ToLowerInvariant(r[i]));
            if (result != 0)
            {
                return Math.Sign(result);
            }
        }

        return l.Length.CompareTo(r.Length);
    }

    private static ReadOnlySpan<char> Text(MavenToken token, string version) => version.AsSpan(token.Start, token.Length);
}
