namespace Berth.Scanning.Versions;

/// <summary>
/// An RPM EVR (<c>[epoch:]version-release</c>) as rpm splits it. <see cref="Epoch"/> is null when the text has
/// none (rpm then compares it as 0); <see cref="Release"/> is null when there is no <c>-</c>.
/// </summary>
public readonly record struct RpmVersion(long? Epoch, string Version, string? Release)
{
    private const string FieldCharacters = "._+~^";

    /// <summary>
    /// Parses an EVR and refuses what rpmbuild would refuse: empty or whitespace-containing text, an epoch that
    /// is empty or not a number, an empty version or release, and characters other than letters, digits and
    /// <c>._+~^</c> in the version and release. The release is optional (advisories sometimes name only
    /// <c>epoch:version</c>). Never throws.
    /// </summary>
    public static bool TryParse(string? text, out RpmVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        long? epoch = null;
        var s = text.AsSpan();
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            if (!long.TryParse(s[..colon], System.Globalization.NumberStyles.None, null, out var value))
            {
                return false;
            }

            epoch = value;
            s = s[(colon + 1)..];
        }

        var hyphen = s.IndexOf('-');
        var ver = hyphen >= 0 ? s[..hyphen] : s;
        var release = hyphen >= 0 ? s[(hyphen + 1)..] : [];
        if (ver.IsEmpty || (hyphen >= 0 && release.IsEmpty) || !IsField(ver) || !IsField(release))
        {
            return false;
        }

        version = new RpmVersion(epoch, ver.ToString(), hyphen >= 0 ? release.ToString() : null);
        return true;
    }

    /// <summary>The EVR text: <c>epoch:</c> only when present, <c>-release</c> only when present.</summary>
    public override string ToString() =>
        (Epoch is { } e ? $"{e}:" : "") + Version + (Release is null ? "" : "-" + Release);

    /// <summary>rpm's <c>parseEVR</c> split, for any text.</summary>
    internal static void Split(string text, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> version,
        out ReadOnlySpan<char> release, out bool hasRelease)
    {
        var s = text.AsSpan();
        var digits = VersionText.DigitRun(s);
        epoch = [];
        if (digits < s.Length && s[digits] == ':')
        {
            epoch = s[..digits];
            s = s[(digits + 1)..];
        }

        var hyphen = s.LastIndexOf('-');
        hasRelease = hyphen >= 0;
        version = hasRelease ? s[..hyphen] : s;
        release = hasRelease ? s[(hyphen + 1)..] : [];
    }

    private static bool IsField(ReadOnlySpan<char> field)
    {
        foreach (var c in field)
        {
            if (!VersionText.IsLetterOrDigit(c) && FieldCharacters.IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
