namespace Berth.Scanning.Versions;

/// <summary>
/// A Debian package version as dpkg splits it: <c>[epoch:]upstream_version[-debian_revision]</c>
/// (deb-version(7)). The revision is empty when the version has none.
/// </summary>
public readonly record struct DpkgVersion(int Epoch, string Upstream, string Revision)
{
    /// <summary>
    /// Parses a version the way dpkg's <c>parseversion</c> does, refusing what dpkg reports as an error or a
    /// warning: empty or space-embedded strings, a non-numeric or out-of-range epoch, an empty upstream part or
    /// revision, an upstream part not starting with a digit, and characters outside deb-version(7)'s sets.
    /// Surrounding whitespace is ignored, as dpkg does. Never throws.
    /// </summary>
    public static bool TryParse(string? text, out DpkgVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.IsEmpty || s.ContainsAny(" \t\n\r\f\v"))
        {
            return false;
        }

        var epoch = 0;
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var digits = s[..colon];
            if (digits.IsEmpty || VersionText.DigitRun(digits) != digits.Length ||
                !int.TryParse(digits, System.Globalization.NumberStyles.None, null, out epoch))
            {
                return false;
            }

            s = s[(colon + 1)..];
        }

        var hyphen = s.LastIndexOf('-');
        var upstream = hyphen >= 0 ? s[..hyphen] : s;
        var revision = hyphen >= 0 ? s[(hyphen + 1)..] : [];
        if (upstream.IsEmpty || (hyphen >= 0 && revision.IsEmpty) || !VersionText.IsDigit(upstream[0]) ||
            !AllOf(upstream, ".-+~:") || !AllOf(revision, ".+~"))
        {
            return false;
        }

        version = new DpkgVersion(epoch, upstream.ToString(), revision.ToString());
        return true;
    }

    /// <summary>The canonical text: the epoch only when non-zero, the revision only when present.</summary>
    public override string ToString() =>
        (Epoch != 0 ? $"{Epoch}:" : "") + Upstream + (Revision.Length > 0 ? "-" + Revision : "");

    private static bool AllOf(ReadOnlySpan<char> part, string extra)
    {
        foreach (var c in part)
        {
            if (!VersionText.IsLetterOrDigit(c) && extra.IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
