namespace Berth.Scanning.Versions;

/// <summary>
/// The sort key of packaging &lt; 22's <c>LegacyVersion</c> (setuptools' historical <c>parse_version</c>) for
/// strings that are not PEP 440 versions. Allocates; such strings are rare.
/// </summary>
internal static class Pep440LegacyKey
{
    private const string Final = "*final";
    private const string FinalDash = "*final-";
    private const string ZeroPadded = "00000000";

    public static int Compare(string x, string y)
    {
        var a = Key(x);
        var b = Key(y);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var result = VersionText.Ordinal(a[i], b[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary><c>_legacy_cmpkey</c>: the parts of the lower-cased version, trimmed as packaging trimmed them.</summary>
    internal static List<string> Key(string version)
    {
        var parts = new List<string>();
        foreach (var part in Parts(version.ToLowerInvariant()))
        {
            if (part[0] == '*')
            {
                // Drop the "-" before a pre-release tag, and trailing zeros of each numeric series.
                if (string.CompareOrdinal(part, Final) < 0)
                {
                    while (parts.Count > 0 && parts[^1] == FinalDash)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }

                while (parts.Count > 0 && parts[^1] == ZeroPadded)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }

            parts.Add(part);
        }

        return parts;
    }

    // _parse_version_parts: re.split(r"(\d+|[a-z]+|\.|-)") keeps the matches and the text between them.
    private static IEnumerable<string> Parts(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var length = VersionText.IsDigit(c) ? VersionText.DigitRun(s.AsSpan(i))
                : c is >= 'a' and <= 'z' ? LowerRun(s.AsSpan(i))
                : c is '.' or '-' ? 1
                : OtherRun(s.AsSpan(i));
            var part = s.Substring(i, length);
            i += length;
            part = part switch { "pre" or "preview" or "rc" => "c", "-" => "final-", "dev" => "@", _ => part };
            if (part == ".")
            {
                continue;
            }

            yield return VersionText.IsDigit(part[0]) ? part.PadLeft(8, '0') : "*" + part;
        }

        yield return Final;
    }

    private static int LowerRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && s[i] is >= 'a' and <= 'z')
        {
            i++;
        }

        return i;
    }

    private static int OtherRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && !VersionText.IsDigit(s[i]) && s[i] is not (>= 'a' and <= 'z' or '.' or '-'))
        {
            i++;
        }

        return i;
    }
}
