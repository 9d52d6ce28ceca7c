namespace Berth.Scanning.Versions;

/// <summary>
/// The version shape Composer's <c>VersionParser</c> accepts for tagged releases: an optional <c>v</c>,
/// one to four dot-separated numbers, and an optional stability suffix (<c>-dev</c>, <c>alpha</c>/<c>a</c>,
/// <c>beta</c>/<c>b</c>, <c>RC</c>, <c>patch</c>/<c>pl</c>/<c>p</c>, with an optional number, separated by
/// <c>-</c>, <c>_</c>, <c>.</c> or nothing), case-insensitive.
/// </summary>
internal static class ComposerShape
{
    private static readonly string[] Stabilities = ["stable", "alpha", "beta", "patch", "dev", "rc", "pl", "a", "b", "p"];

    public static bool IsValid(ReadOnlySpan<char> s)
    {
        s = s.Length > 0 && (s[0] == 'v' || s[0] == 'V') ? s[1..] : s;
        var numbers = 0;
        var i = 0;
        while (numbers < 4)
        {
            var digits = VersionText.DigitRun(s[i..]);
            if (digits == 0)
            {
                return false;
            }

            numbers++;
            i += digits;
            if (i + 1 >= s.Length || s[i] != '.' || !VersionText.IsDigit(s[i + 1]))
            {
                break;
            }

            i++;
        }

        var rest = s[i..];
        if (rest.IsEmpty)
        {
            return true;
        }

        rest = rest[0] is '-' or '_' or '.' ? rest[1..] : rest;
        foreach (var stability in Stabilities)
        {
            if (rest.StartsWith(stability, StringComparison.OrdinalIgnoreCase))
            {
                var tail = rest[stability.Length..];
                tail = tail.Length > 0 && tail[0] is '-' or '_' or '.' ? tail[1..] : tail;
                if (stability == "dev" ? tail.IsEmpty : VersionText.DigitRun(tail) == tail.Length)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
