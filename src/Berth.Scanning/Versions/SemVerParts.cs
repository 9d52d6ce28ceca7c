namespace Berth.Scanning.Versions;

/// <summary>
/// A SemVer-shaped version split without allocation: an optional <c>v</c>, up to three dot-separated numbers,
/// an optional <c>-prerelease</c> and <c>+build</c>, and whatever did not fit (<see cref="Rest"/>).
/// </summary>
internal readonly ref struct SemVerParts
{
    private SemVerParts(ReadOnlySpan<char> major, ReadOnlySpan<char> minor, ReadOnlySpan<char> patch,
        int numbers, bool hasPrerelease, ReadOnlySpan<char> prerelease, bool hasBuild, ReadOnlySpan<char> build,
        ReadOnlySpan<char> rest)
    {
        HasBuild = hasBuild;
        Major = major;
        Minor = minor;
        Patch = patch;
        Numbers = numbers;
        HasPrerelease = hasPrerelease;
        Prerelease = prerelease;
        Build = build;
        Rest = rest;
    }

    public ReadOnlySpan<char> Major { get; }

    public ReadOnlySpan<char> Minor { get; }

    public ReadOnlySpan<char> Patch { get; }

    /// <summary>How many of major, minor, patch were present (0 when the text has no leading number).</summary>
    public int Numbers { get; }

    public bool HasPrerelease { get; }

    public ReadOnlySpan<char> Prerelease { get; }

    public bool HasBuild { get; }

    public ReadOnlySpan<char> Build { get; }

    /// <summary>Text after the numbers that starts neither a prerelease nor build metadata (lenient reading).</summary>
    public ReadOnlySpan<char> Rest { get; }

    /// <summary>Splits <paramref name="text"/>; never fails (check <see cref="Numbers"/> and <see cref="Rest"/>).</summary>
    public static SemVerParts Split(ReadOnlySpan<char> text)
    {
        var s = text.Length > 0 && (text[0] == 'v' || text[0] == 'V') ? text[1..] : text;
        Span<int> bounds = stackalloc int[6];
        var numbers = 0;
        var i = 0;
        while (numbers < 3)
        {
            var length = VersionText.DigitRun(s[i..]);
            if (length == 0)
            {
                break;
            }

            bounds[numbers * 2] = i;
            bounds[(numbers * 2) + 1] = length;
            numbers++;
            i += length;
            if (numbers == 3 || i + 1 >= s.Length || s[i] != '.' || !VersionText.IsDigit(s[i + 1]))
            {
                break;
            }

            i++;
        }

        if (numbers == 0)
        {
            return new SemVerParts([], [], [], 0, false, [], false, [], s);
        }

        var rest = s[i..];
        ReadOnlySpan<char> prerelease = [], build = [];
        bool hasPrerelease = false, hasBuild = false;
        if (rest.Length > 0 && rest[0] == '-')
        {
            var plus = rest.IndexOf('+');
            prerelease = plus >= 0 ? rest[1..plus] : rest[1..];
            hasPrerelease = true;
            rest = plus >= 0 ? rest[plus..] : [];
        }

        if (rest.Length > 0 && rest[0] == '+')
        {
            build = rest[1..];
            hasBuild = true;
            rest = [];
        }

        return new SemVerParts(s.Slice(bounds[0], bounds[1]), numbers > 1 ? s.Slice(bounds[2], bounds[3]) : [],
            numbers > 2 ? s.Slice(bounds[4], bounds[5]) : [], numbers, hasPrerelease, prerelease, hasBuild, build, rest);
    }

    /// <summary>
    /// True when the parts form a strict SemVer 2.0.0 version: all three numbers (or, with
    /// <paramref name="allowShorthand"/>, Go's <c>v1</c>/<c>v1.2</c> without prerelease or build), no leading
    /// zeros, non-empty alphanumeric identifiers and no numeric prerelease identifier with a leading zero.
    /// </summary>
    public bool IsStrict(bool allowShorthand)
    {
        if (!Rest.IsEmpty || Numbers == 0 || !IsCanonicalNumber(Major) ||
            (Numbers > 1 && !IsCanonicalNumber(Minor)) || (Numbers > 2 && !IsCanonicalNumber(Patch)))
        {
            return false;
        }

        if (Numbers < 3 && !(allowShorthand && !HasPrerelease && !HasBuild))
        {
            return false;
        }

        return (!HasPrerelease || Identifiers(Prerelease, numericWithoutLeadingZero: true)) &&
            (!HasBuild || Identifiers(Build, numericWithoutLeadingZero: false));
    }

    private static bool IsCanonicalNumber(ReadOnlySpan<char> digits) => digits.Length == 1 || digits[0] != '0';

    private static bool Identifiers(ReadOnlySpan<char> text, bool numericWithoutLeadingZero)
    {
        foreach (var range in text.Split('.'))
        {
            var identifier = text[range];
            if (identifier.IsEmpty)
            {
                return false;
            }

            foreach (var c in identifier)
            {
                if (!VersionText.IsLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            if (numericWithoutLeadingZero && identifier.Length > 1 && identifier[0] == '0' &&
                VersionText.DigitRun(identifier) == identifier.Length)
            {
                return false;
            }
        }

        return true;
    }
}
