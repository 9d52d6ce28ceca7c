namespace Berth.Scanning.Versions;

/// <summary>Character classes and arbitrary-length number comparison shared by the scheme comparers.</summary>
internal static class VersionText
{
    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsLower(char c) => (uint)(c - 'a') <= 'z' - 'a';

    public static bool IsLetterOrDigit(char c) => IsDigit(c) || IsLetter(c);

    public static char ToLower(char c) => (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;

    /// <summary>Length of the run of ASCII digits at the start of <paramref name="s"/>.</summary>
    public static int DigitRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Length of the run of ASCII letters at the start of <paramref name="s"/>.</summary>
    public static int LetterRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && IsLetter(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Compares two runs of ASCII digits by numeric value, whatever their length (versions carry dates and
    /// 30-digit numbers): leading zeros are ignored, then the longer number is greater, then digit by digit.
    /// An empty run counts as zero.
    /// </summary>
    public static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length < b.Length ? -1 : 1;
        }

        return Math.Sign(a.SequenceCompareTo(b));
    }

    /// <summary>True when the digit run is zero (empty or only '0').</summary>
    public static bool IsZero(ReadOnlySpan<char> digits) => digits.TrimStart('0').IsEmpty;

    /// <summary>Ordinal comparison of two spans, as -1/0/+1.</summary>
    public static int Ordinal(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Math.Sign(a.SequenceCompareTo(b));

    public static int Ordinal(string a, string b) => Math.Sign(string.CompareOrdinal(a, b));
}
