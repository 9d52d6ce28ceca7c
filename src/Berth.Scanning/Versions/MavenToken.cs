namespace Berth.Scanning.Versions;

/// <summary>The kinds of item in Maven's <c>ComparableVersion</c>.</summary>
internal enum MavenItem : byte
{
    Number,
    Qualifier,

    /// <summary>The start of a sublist (after <c>-</c> or a digit/letter transition), which runs to the end.</summary>
    ListStart,
}

/// <summary>
/// One item of a parsed Maven version. ComparableVersion's lists form a chain (a sublist is always the last
/// element of its parent), so a version is a flat sequence of items and <see cref="MavenItem.ListStart"/>
/// markers. Numbers keep their digits without leading zeros (zero is empty); qualifiers keep their text and
/// the index of their well-known name (<see cref="Other"/> for the rest).
/// </summary>
internal record struct MavenToken(MavenItem Item, int Start, int Length, int Keyword)
{
    /// <summary>Qualifier order: alpha, beta, milestone, rc (= cr), snapshot, "" (= ga, final, release), sp, others.</summary>
    public const int Release = 5, Other = 7;

    public bool Removed { get; set; }

    /// <summary>Maven's <c>isNull</c> for numbers and qualifiers: 0 and the release qualifier.</summary>
    public readonly bool IsNullItem => Item switch
    {
        MavenItem.Number => Length == 0,
        MavenItem.Qualifier => Keyword == Release,
        _ => false,
    };

    public static MavenToken ListStart => new(MavenItem.ListStart, 0, 0, Other);

    public static MavenToken Number(ReadOnlySpan<char> version, int start, int length)
    {
        var zeros = length - version.Slice(start, length).TrimStart('0').Length;
        return new MavenToken(MavenItem.Number, start + zeros, length - zeros, Other);
    }

    public static MavenToken Qualifier(ReadOnlySpan<char> version, int start, int length, bool followedByDigit)
    {
        var value = version.Slice(start, length);

        // a1, b1, m1 abbreviate alpha-1, beta-1, milestone-1; cr is rc; ga, final and release are "".
        var keyword = (value.Length, VersionText.ToLower(value[0])) switch
        {
            (1, 'a') when followedByDigit => 0,
            (1, 'b') when followedByDigit => 1,
            (1, 'm') when followedByDigit => 2,
            (2, 'c') when Is(value, "cr") => 3,
            (2, 'r') when Is(value, "rc") => 3,
            (2, 'g') when Is(value, "ga") => Release,
            (2, 's') when Is(value, "sp") => 6,
            (4, 'b') when Is(value, "beta") => 1,
            (5, 'a') when Is(value, "alpha") => 0,
            (5, 'f') when Is(value, "final") => Release,
            (7, 'r') when Is(value, "release") => Release,
            (8, 's') when Is(value, "snapshot") => 4,
            (9, 'm') when Is(value, "milestone") => 2,
            _ => Other,
        };
        return new MavenToken(MavenItem.Qualifier, start, length, keyword);
    }

    private static bool Is(ReadOnlySpan<char> value, string keyword) =>
        value.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
