namespace Berth.Scanning.Versions;

/// <summary>
/// Debian/Ubuntu package versions ordered exactly as dpkg orders them (deb-version(7), dpkg's
/// <c>verrevcmp</c>): epochs numerically, then upstream version, then revision, each compared in alternating
/// non-digit and digit runs; in non-digit runs <c>~</c> sorts before everything (even the end of the
/// string), then the end, then letters, then all other characters; digit runs compare numerically.
/// </summary>
/// <remarks>
/// Invalid strings are compared with the same algorithm, read leniently: surrounding whitespace is ignored,
/// a prefix before the first <c>:</c> is the epoch only when it is all digits (otherwise the colon is part of
/// the upstream version), and the revision is whatever follows the last <c>-</c> (empty when nothing does).
/// Epochs of any length compare numerically (dpkg rejects epochs above 2^31-1).
/// </remarks>
public sealed class DpkgVersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static DpkgVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "dpkg";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => DpkgVersion.TryParse(version, out _);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        Split(x, out var epochA, out var upstreamA, out var revisionA);
        Split(y, out var epochB, out var upstreamB, out var revisionB);
        var result = VersionText.CompareNumbers(epochA, epochB);
        if (result == 0)
        {
            result = VerRevCmp(upstreamA, upstreamB);
        }

        return result != 0 ? result : VerRevCmp(revisionA, revisionB);
    }

    private static void Split(string text, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> upstream,
        out ReadOnlySpan<char> revision)
    {
        var s = text.AsSpan().Trim();
        epoch = [];
        var colon = s.IndexOf(':');
        if (colon > 0 && VersionText.DigitRun(s) == colon)
        {
            epoch = s[..colon];
            s = s[(colon + 1)..];
        }

        var hyphen = s.LastIndexOf('-');
        upstream = hyphen >= 0 ? s[..hyphen] : s;
        revision = hyphen >= 0 ? s[(hyphen + 1)..] : [];
    }

    /// <summary>dpkg's <c>verrevcmp</c>: alternating non-digit and digit runs.</summary>
    internal static int VerRevCmp(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !VersionText.IsDigit(a[i])) || (j < b.Length && !VersionText.IsDigit(b[j])))
            {
                var ac = Order(a, i);
                var bc = Order(b, j);
                if (ac != bc)
                {
                    return ac - bc;
                }

                i++;
                j++;
            }

            var da = VersionText.DigitRun(a[i..]);
            var db = VersionText.DigitRun(b[j..]);
            var result = VersionText.CompareNumbers(a.Slice(i, da), b.Slice(j, db));
            if (result != 0)
            {
                return result;
            }

            i += da;
            j += db;
        }

        return 0;
    }

    // The weight of the character at index i in a non-digit run: '~' < end/digit < letters < everything else.
    private static int Order(ReadOnlySpan<char> s, int i)
    {
        if (i >= s.Length)
        {
            return 0;
        }

        var c = s[i];
        if (VersionText.IsDigit(c))
        {
            return 0;
        }

        if (VersionText.IsLetter(c))
        {
            return c;
        }

        return c == '~' ? -1 : c + 256;
    }
}
