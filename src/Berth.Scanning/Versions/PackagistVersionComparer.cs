namespace Berth.Scanning.Versions;

/// <summary>
/// Packagist (Composer) versions ordered by PHP's <c>version_compare</c> after dropping a leading
/// <c>v</c>, as Composer does: <c>-</c>, <c>_</c>, <c>+</c> and other punctuation separate parts, so do
/// digit/letter transitions (<c>1.0rc1</c> is <c>1.0.rc.1</c>); numbers compare numerically (any size);
/// words by their special form, <c>dev &lt; alpha = a &lt; beta = b &lt; RC = rc &lt;</c> a number
/// <c>&lt; pl = p</c>, matched by prefix and case-sensitively, other words before <c>dev</c>; a version with
/// more parts is newer when the next part is a number and otherwise orders as that part does against a number.
/// </summary>
/// <remarks>
/// One difference from PHP keeps the order a preorder: trailing separators are ignored (PHP orders
/// <c>1.0-</c> before <c>1.0</c>, and even <c>1.</c> before <c>1.</c>). Every string has a reading, so <see cref="IVersionComparer.IsValid"/> checks Composer's
/// accepted shape instead: digits and dots with an optional <c>v</c>, then optionally a stability suffix
/// (<c>-dev</c>, <c>-alpha2</c>, <c>-beta.1</c>, <c>-RC1</c>, <c>-patch3</c>, <c>-pl</c>...).
/// </remarks>
public sealed class PackagistVersionComparer : VersionComparer
{
    private const int StackChars = 128;

    /// <summary>The shared instance.</summary>
    public static PackagistVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "packagist";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => ComposerShape.IsValid(version);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var a = StripV(x);
        var b = StripV(y);
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty == b.IsEmpty ? 0 : a.IsEmpty ? -1 : 1;
        }

        Span<char> ca = a.Length < StackChars / 2 ? stackalloc char[StackChars] : new char[(2 * a.Length) + 1];
        Span<char> cb = b.Length < StackChars / 2 ? stackalloc char[StackChars] : new char[(2 * b.Length) + 1];
        return Compare(ca[..Canonicalize(a, ca)], cb[..Canonicalize(b, cb)]);
    }

    private static ReadOnlySpan<char> StripV(string s) => s.Length > 0 && (s[0] == 'v' || s[0] == 'V') ? s.AsSpan(1) : s;

    // php_canonicalize_version: s/[-_+]/./g, a '.' at digit/non-digit transitions, other punctuation as '.',
    // no two dots in a row (the first character is copied as it is).
    private static int Canonicalize(ReadOnlySpan<char> version, Span<char> output)
    {
        var q = 0;
        output[q++] = version[0];
        for (var i = 1; i < version.Length; i++)
        {
            char p = version[i], previous = version[i - 1];
            var lastIsDot = output[q - 1] == '.';
            var transition = (IsNonDigit(previous) && VersionText.IsDigit(p)) || (VersionText.IsDigit(previous) && IsNonDigit(p));
            if (p is '-' or '_' or '+' || (!transition && !VersionText.IsLetterOrDigit(p)))
            {
                if (!lastIsDot)
                {
                    output[q++] = '.';
                }
            }
            else
            {
                if (transition && !lastIsDot)
                {
                    output[q++] = '.';
                }

                output[q++] = p;
            }
        }

        // Trailing separators are ignored (PHP's handling of them is not antisymmetric).
        while (q > 1 && output[q - 1] == '.')
        {
            q--;
        }

        return q;
    }

    private static bool IsNonDigit(char c) => !VersionText.IsDigit(c) && c != '.';

    // php_version_compare's loop over dot-separated parts of two canonical versions.
    private static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        while (true)
        {
            var dotA = a.IndexOf('.');
            var dotB = b.IndexOf('.');
            var partA = dotA >= 0 ? a[..dotA] : a;
            var partB = dotB >= 0 ? b[..dotB] : b;
            var digitA = partA.Length > 0 && VersionText.IsDigit(partA[0]);
            var digitB = partB.Length > 0 && VersionText.IsDigit(partB[0]);
            var result = digitA && digitB ? VersionText.CompareNumbers(partA, partB)
                : Math.Sign(SpecialForm(partA, digitA) - SpecialForm(partB, digitB));
            if (result != 0)
            {
                return result;
            }

            var restA = dotA >= 0 ? a[(dotA + 1)..] : [];
            var restB = dotB >= 0 ? b[(dotB + 1)..] : [];
            if (!restA.IsEmpty && !restB.IsEmpty)
            {
                a = restA;
                b = restB;
                continue;
            }

            // One side ran out of parts: what is left orders against a number.
            if (!restA.IsEmpty)
            {
                return VersionText.IsDigit(restA[0]) ? 1 : AgainstNumber(restA);
            }

            return restB.IsEmpty ? 0 : VersionText.IsDigit(restB[0]) ? -1 : -AgainstNumber(restB);
        }
    }

    // php_version_compare(rest, "#N#").
    private static int AgainstNumber(ReadOnlySpan<char> rest)
    {
        while (!rest.IsEmpty)
        {
            var dot = rest.IndexOf('.');
            var part = dot >= 0 ? rest[..dot] : rest;
            var result = Math.Sign(SpecialForm(part, VersionText.IsDigit(part.Length > 0 ? part[0] : '\0')) - Number);
            if (result != 0 || dot < 0)
            {
                return result;
            }

            rest = rest[(dot + 1)..];
            if (rest.Length > 0 && VersionText.IsDigit(rest[0]))
            {
                return 1;
            }
        }

        return -1;
    }

    private const int Number = 4;

    // compare_special_version_forms: the first form the part starts with; a number is "#".
    private static int SpecialForm(ReadOnlySpan<char> part, bool isNumber) =>
        isNumber ? Number
        : part.StartsWith("dev") ? 0
        : part.StartsWith("alpha") || part.StartsWith("a") ? 1
        : part.StartsWith("beta") || part.StartsWith("b") ? 2
        : part.StartsWith("RC") || part.StartsWith("rc") ? 3
        : part.StartsWith("#") ? Number
        : part.StartsWith("pl") || part.StartsWith("p") ? 5
        : -1;
}
