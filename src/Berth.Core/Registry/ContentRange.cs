using System.Globalization;

namespace Berth.Core.Registry;

/// <summary>An upload chunk's <c>Content-Range</c>: inclusive byte offsets <c>start-end</c>.</summary>
public readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>Parses <c>start-end</c> (optionally prefixed by <c>bytes </c> or <c>bytes=</c>); false when malformed.</summary>
    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var s = value.Trim();
        if (s.StartsWith("bytes", StringComparison.OrdinalIgnoreCase))
        {
            s = s[5..].TrimStart(' ', '=');
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            s = s[..slash];
        }

        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(s.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(s.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }
}
