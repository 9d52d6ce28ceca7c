namespace Berth.Scanning.Versions;

/// <summary>
/// One token of a Maven version: its separator (<c>'\0'</c> for the first token, <c>'.'</c> or <c>'-'</c>;
/// a digit/non-digit transition counts as <c>'-'</c>) and its value, either a number (leading zeros dropped,
/// so zero is empty) or a qualifier identified by <see cref="Keyword"/> (the specification's well-known
/// qualifiers, aliases resolved) or, for other qualifiers, by its text. <see cref="Padding"/> marks the
/// "null" a shorter version is padded with.
/// </summary>
internal readonly record struct MavenToken(char Prefix, int Start, int Length, bool Numeric, int Keyword, bool Padding)
{
    /// <summary>Keyword indexes in order: alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp.</summary>
    public const int Release = 5, Sp = 6, Other = 7;

    private static readonly string[] Keywords = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

    /// <summary>True for the "null" values trimmed from the end of each hyphen group: 0 and "" (ga, final, release).</summary>
    public bool IsNull => Numeric ? Length == 0 : Keyword == Release;

    /// <summary>An empty token, which the specification replaces with 0.</summary>
    public static MavenToken Zero(char prefix) => new(prefix, 0, 0, true, Other, false);

    /// <summary>
    /// The null a shorter version is padded with to face <paramref name="other"/>: 0 after '.', "" after '-'
    /// (and "" after '.' facing <c>sp</c>, the one qualifier that orders after the empty one).
    /// </summary>
    public static MavenToken PaddingFor(MavenToken other) =>
        other.Prefix == '.' && !(other is { Numeric: false, Keyword: Sp })
            ? new(other.Prefix, 0, 0, true, Other, true)
            : new(other.Prefix, 0, 0, false, Release, true);

    public static MavenToken Number(char prefix, ReadOnlySpan<char> version, int start, int length)
    {
        var zeros = length - version.Slice(start, length).TrimStart('0').Length;
        return new MavenToken(prefix, start + zeros, length - zeros, true, Other, false);
    }

    public static MavenToken Qualifier(char prefix, ReadOnlySpan<char> version, int start, int length,
        bool followedByNumber)
    {
        var value = version.Slice(start, length);
        var keyword = Other;
        if (followedByNumber && value.Length == 1)
        {
            // "a1", "b2", "m3" abbreviate alpha-1, beta-2, milestone-3.
            keyword = VersionText.ToLower(value[0]) switch { 'a' => 0, 'b' => 1, 'm' => 2, _ => Other };
        }

        if (keyword == Other)
        {
            keyword = Is(value, "cr") ? 3 : Is(value, "ga") || Is(value, "final") || Is(value, "release") ? Release : Other;
        }

        for (var k = 0; keyword == Other && k < Keywords.Length; k++)
        {
            keyword = Is(value, Keywords[k]) ? k : Other;
        }

        return new MavenToken(prefix, start, length, false, keyword, false);
    }

    /// <summary>The token's text in <paramref name="version"/> (numbers without leading zeros, so "" for zero).</summary>
    public ReadOnlySpan<char> Text(ReadOnlySpan<char> version) => Padding ? [] : version.Slice(Start, Length);

    private static bool Is(ReadOnlySpan<char> value, string keyword) =>
        value.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
