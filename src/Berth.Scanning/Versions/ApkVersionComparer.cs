namespace Berth.Scanning.Versions;

/// <summary>
/// Alpine (and Wolfi/Chainguard) package versions, <c>number{.number}[letter]{_suffix[number]}[~hash][-r#]</c>,
/// ordered as apk-tools 3 orders them (<c>apk version -t</c>): numbers numerically, except that later
/// components with a leading zero compare as strings; a letter after the numbers; suffixes
/// <c>_alpha &lt; _beta &lt; _pre &lt; _rc &lt; (none) &lt; _cvs &lt; _svn &lt; _git &lt; _hg &lt; _p</c>; then the
/// commit hash as a string; then the <c>-r</c> revision.
/// </summary>
/// <remarks>
/// <para>apk compares token by token and stops at the first token that is not valid there. Where the two
/// versions then differ in the kind of token that comes next, a pre-release suffix is older than anything,
/// then a malformed token, then the end of the version, then (increasingly newer) a revision, a commit hash,
/// a suffix number, a post-release suffix, a letter, a number. Where both stop at a malformed token at the
/// same place, apk calls them equal and so does this comparer.</para>
/// <para>Old Alpine versions (secdb still lists <c>openssh 6.6.1p1-r0</c>) and some malformed strings follow
/// apk-tools 2's more permissive grammar, which apk-tools 3 rejects. To order them the way Alpine releases
/// did, the lexer accepts digits after the letter (<c>p1</c> is the letter <c>p</c> then the number 1),
/// an empty number where apk-tools 2 read one (a string not starting with a digit, <c>0..1</c>, <c>0.r1</c>,
/// a trailing <c>.</c>) and a trailing <c>-r</c> as <c>-r0</c>. Where token kinds differ, an empty number is
/// older than every real token (even a revision) but newer than the end of the version and than a malformed
/// token, so such strings order among themselves instead of all being equal. <see cref="IVersionComparer.IsValid"/>
/// accepts only apk-tools 3's grammar plus digits after the letter. Numbers of any length compare
/// numerically (apk-tools wraps numbers above 2^64).</para>
/// </remarks>
public sealed class ApkVersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static ApkVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "apk";

    /// <inheritdoc />
    protected override bool IsValidCore(string version)
    {
        var t = new ApkTokenizer(version, lenient: false);
        while (t.Token < ApkToken.End)
        {
            t.Next();
        }

        return t.Token == ApkToken.End;
    }

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var a = new ApkTokenizer(x, lenient: true);
        var b = new ApkTokenizer(y, lenient: true);
        while (a.Kind == b.Kind && a.Kind < ApkToken.End)
        {
            var result = CompareTokens(ref a, ref b);
            if (result != 0)
            {
                return result;
            }

            a.Next();
            b.Next();
        }

        if (a.Kind == b.Kind)
        {
            return 0;
        }

        if (a.Kind == ApkToken.Suffix && a.Suffix < ApkSuffix.None)
        {
            return -1;
        }

        if (b.Kind == ApkToken.Suffix && b.Suffix < ApkSuffix.None)
        {
            return 1;
        }

        return a.Kind > b.Kind ? -1 : 1;
    }

    private static int CompareTokens(ref ApkTokenizer a, ref ApkTokenizer b)
    {
        switch (a.Kind)
        {
            case ApkToken.EmptyNumber:
                return 0;
            case ApkToken.Digit when a.Value[0] == '0' || b.Value[0] == '0':
                // A leading zero makes later components compare as strings (Gentoo's rule): 1.01 < 1.1.
                return VersionText.Ordinal(a.Value, b.Value);
            case ApkToken.InitialDigit or ApkToken.Digit or ApkToken.SuffixNumber or ApkToken.Revision:
                return VersionText.CompareNumbers(a.Value, b.Value);
            case ApkToken.Suffix:
                return ((int)a.Suffix).CompareTo((int)b.Suffix);
            default:
                // Letters and commit hashes.
                return VersionText.Ordinal(a.Value, b.Value);
        }
    }
}
