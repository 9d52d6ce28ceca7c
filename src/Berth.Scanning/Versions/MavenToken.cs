namespace Berth.Scanning.Versions;

/// <summary>
/// One prefixed token of a Maven version, as the POM reference's "Version Order Specification" describes
/// them: its prefix (<c>'\0'</c> for the first token, else <c>'.'</c> or <c>'-'</c>; a digit/non-digit
/// transition counts as <c>'-'</c>) and its value, a number (leading zeros dropped, so zero is empty) or a
/// qualifier. A qualifier's <see cref="Rank"/> places the specification's well-known qualifiers (aliases
/// resolved); other qualifiers share <see cref="Other"/> and order by their text. The token refers to its
/// text by position in the version string, so tokenizing allocates nothing.
/// </summary>
internal readonly record struct MavenToken(char Prefix, int Start, int Length, bool Numeric, int Rank)
{
    /// <summary>
    /// Qualifier ranks: alpha (0) &lt; beta (1) &lt; milestone (2) &lt; rc = cr (3) &lt; snapshot (4) &lt;
    /// "" = final = ga = release (<see cref="Release"/>) &lt; sp (<see cref="Sp"/>) &lt; any other qualifier.
    /// </summary>
    public const int Alpha = 0, Beta = 1, Milestone = 2, Rc = 3, Snapshot = 4, Release = 5, Sp = 6, Other = 7;

    /// <summary>The specification's "null" values, which trimming removes: 0 and "" (final, ga, release).</summary>
    public bool IsNull => Numeric ? Length == 0 : Rank == Release;

    /// <summary>An empty token, which the specification replaces with 0.</summary>
    public static MavenToken Zero(char prefix) => new(prefix, 0, 0, true, Other);

    /// <summary>
    /// The "null" a shorter version is padded with where <paramref name="other"/> has a token: the
    /// specification's 0 for a <c>.</c> prefix and "" for a <c>-</c> prefix. Against a qualifier the null is
    /// "" whatever the prefix, so that a missing token sits where the specification puts "" among qualifiers
    /// (<c>1.alpha &lt; 1 &lt; 1.sp</c>, as <c>1-alpha &lt; 1 &lt; 1-sp</c>); the specification does not say how a
    /// number compares with a qualifier under the same prefix.
    /// </summary>
    public static MavenToken NullFacing(MavenToken other) =>
        other is { Prefix: '.', Numeric: true } ? Zero(other.Prefix) : new(other.Prefix, 0, 0, false, Release);

    public static MavenToken Number(char prefix, ReadOnlySpan<char> version, int start, int length)
    {
        var zeros = length - version.Slice(start, length).TrimStart('0').Length;
        return new MavenToken(prefix, start + zeros, length - zeros, true, Other);
    }

    /// <param name="prefix">The token's prefix.</param>
    /// <param name="version">The whole version string.</param>
    /// <param name="start">Where the qualifier starts in <paramref name="version"/>.</param>
    /// <param name="length">Its length (at least 1).</param>
    /// <param name="directlyBeforeNumber">True when a number follows without a separator (<c>a1</c>).</param>
    public static MavenToken Qualifier(char prefix, ReadOnlySpan<char> version, int start, int length,
        bool directlyBeforeNumber)
    {
        var text = version.Slice(start, length);
        var rank = text.Length == 1 && directlyBeforeNumber
            ? VersionText.ToLower(text[0]) switch { 'a' => Alpha, 'b' => Beta, 'm' => Milestone, _ => Other }
            : Other;
        if (rank == Other)
        {
            rank = Is(text, "alpha") ? Alpha
                : Is(text, "beta") ? Beta
                : Is(text, "milestone") ? Milestone
                : Is(text, "rc") || Is(text, "cr") ? Rc
                : Is(text, "snapshot") ? Snapshot
                : Is(text, "ga") || Is(text, "final") || Is(text, "release") ? Release
                : Is(text, "sp") ? Sp
                : Other;
        }

        return new MavenToken(prefix, start, length, false, rank);
    }

    /// <summary>The token's text in <paramref name="version"/> (a number without leading zeros, so "" for 0).</summary>
    public ReadOnlySpan<char> Text(ReadOnlySpan<char> version) => version.Slice(Start, Length);

    private static bool Is(ReadOnlySpan<char> text, string keyword) =>
        text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
