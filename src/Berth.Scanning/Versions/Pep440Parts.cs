namespace Berth.Scanning.Versions;

/// <summary>
/// A PEP 440 version split without allocation, accepting exactly what <c>packaging.version.Version</c>
/// accepts (its <c>VERSION_PATTERN</c>, case-insensitive, surrounding whitespace and a leading <c>v</c>
/// allowed): <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c> with every spelling PEP 440 normalises
/// (<c>alpha</c>, <c>preview</c>, <c>c</c>, <c>-1</c> as a post-release, <c>rev</c>, optional separators and
/// numbers).
/// </summary>
internal readonly ref struct Pep440Parts
{
    /// <summary>Pre-release phases in order: a, b, rc.</summary>
    public const int Alpha = 0, Beta = 1, Candidate = 2;

    public ReadOnlySpan<char> Epoch { get; init; }

    /// <summary>The release numbers as written, dot-separated (<c>1.2.0</c>).</summary>
    public ReadOnlySpan<char> Release { get; init; }

    /// <summary>-1 when there is no pre-release, else <see cref="Alpha"/>, <see cref="Beta"/> or <see cref="Candidate"/>.</summary>
    public int PrePhase { get; init; }

    public ReadOnlySpan<char> PreNumber { get; init; }

    public bool HasPost { get; init; }

    public ReadOnlySpan<char> PostNumber { get; init; }

    public bool HasDev { get; init; }

    public ReadOnlySpan<char> DevNumber { get; init; }

    public bool HasLocal { get; init; }

    /// <summary>The local label as written (segments separated by <c>.</c>, <c>-</c> or <c>_</c>).</summary>
    public ReadOnlySpan<char> Local { get; init; }

    public static bool TryParse(ReadOnlySpan<char> text, out Pep440Parts parts)
    {
        parts = default;
        var s = text.Trim();
        var i = s.Length > 0 && (s[0] == 'v' || s[0] == 'V') ? 1 : 0;
        ReadOnlySpan<char> epoch = [];
        var digits = VersionText.DigitRun(s[i..]);
        if (digits > 0 && i + digits < s.Length && s[i + digits] == '!')
        {
            epoch = s.Slice(i, digits);
            i += digits + 1;
            digits = VersionText.DigitRun(s[i..]);
        }

        if (digits == 0)
        {
            return false;
        }

        var releaseStart = i;
        i += digits;
        while (i + 1 < s.Length && s[i] == '.' && VersionText.IsDigit(s[i + 1]))
        {
            i += 1 + VersionText.DigitRun(s[(i + 1)..]);
        }

        var release = s[releaseStart..i];
        var prePhase = -1;
        ReadOnlySpan<char> preNumber = [], postNumber = [], devNumber = [], local = [];
        var j = SkipSeparator(s, i);
        if (PreLabel(s[j..], out var phase, out var labelLength))
        {
            prePhase = phase;
            i = OptionalNumber(s, j + labelLength, out preNumber);
        }

        var hasPost = false;
        if (i + 1 < s.Length && s[i] == '-' && VersionText.IsDigit(s[i + 1]))
        {
            hasPost = true;
            postNumber = s.Slice(i + 1, VersionText.DigitRun(s[(i + 1)..]));
            i += 1 + postNumber.Length;
        }
        else
        {
            j = SkipSeparator(s, i);
            labelLength = PostLabel(s[j..]);
            if (labelLength > 0)
            {
                hasPost = true;
                i = OptionalNumber(s, j + labelLength, out postNumber);
            }
        }

        j = SkipSeparator(s, i);
        var hasDev = j < s.Length && VersionText.ToLower(s[j]) == 'd' && StartsWith(s[j..], "dev");
        if (hasDev)
        {
            i = OptionalNumber(s, j + 3, out devNumber);
        }

        var hasLocal = i < s.Length && s[i] == '+';
        if (hasLocal)
        {
            local = s[(i + 1)..];
            if (!IsLocal(local))
            {
                return false;
            }

            i = s.Length;
        }

        if (i != s.Length)
        {
            return false;
        }

        parts = new Pep440Parts
        {
            Epoch = epoch, Release = release, PrePhase = prePhase, PreNumber = preNumber, HasPost = hasPost,
            PostNumber = postNumber, HasDev = hasDev, DevNumber = devNumber, HasLocal = hasLocal, Local = local,
        };
        return true;
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or '.';

    private static int SkipSeparator(ReadOnlySpan<char> s, int i) => i < s.Length && IsSeparator(s[i]) ? i + 1 : i;

    // "[-_.]?[0-9]*" after a label: the separator is consumed even without a number, as the pattern does.
    private static int OptionalNumber(ReadOnlySpan<char> s, int i, out ReadOnlySpan<char> number)
    {
        i = SkipSeparator(s, i);
        number = s.Slice(i, VersionText.DigitRun(s[i..]));
        return i + number.Length;
    }

    private static bool StartsWith(ReadOnlySpan<char> s, string label) =>
        s.StartsWith(label, StringComparison.OrdinalIgnoreCase);

    // The pattern's alternation order: alpha|a|beta|b|preview|pre|c|rc.
    private static bool PreLabel(ReadOnlySpan<char> s, out int phase, out int length)
    {
        (phase, length) = (s.IsEmpty ? '\0' : VersionText.ToLower(s[0])) switch
        {
            'a' => StartsWith(s, "alpha") ? (Alpha, 5) : (Alpha, 1),
            'b' => StartsWith(s, "beta") ? (Beta, 4) : (Beta, 1),
            'p' => StartsWith(s, "preview") ? (Candidate, 7) : StartsWith(s, "pre") ? (Candidate, 3) : (-1, 0),
            'c' => (Candidate, 1),
            'r' => StartsWith(s, "rc") ? (Candidate, 2) : (-1, 0),
            _ => (-1, 0),
        };
        return length > 0;
    }

    // The pattern's alternation order: post|rev|r.
    private static int PostLabel(ReadOnlySpan<char> s) => (s.IsEmpty ? '\0' : VersionText.ToLower(s[0])) switch
    {
        'p' => StartsWith(s, "post") ? 4 : 0,
        'r' => StartsWith(s, "rev") ? 3 : 1,
        _ => 0,
    };

    // [a-z0-9]+(?:[-_.][a-z0-9]+)*
    private static bool IsLocal(ReadOnlySpan<char> local)
    {
        var segmentLength = 0;
        foreach (var c in local)
        {
            if (VersionText.IsLetterOrDigit(c))
            {
                segmentLength++;
            }
            else if (IsSeparator(c) && segmentLength > 0)
            {
                segmentLength = 0;
            }
            else
            {
                return false;
            }
        }

        return segmentLength > 0;
    }
}
