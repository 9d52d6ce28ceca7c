using System.Globalization;

namespace Berth.Api.Oci;

/// <summary>A single <c>Range: bytes=a-b</c> request resolved against a blob size (RFC 9110 §14.1.2).</summary>
public readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>
    /// Resolves the header: null result when absent or not a plain single bytes range (serve the whole blob),
    /// false when the range cannot be satisfied (416).
    /// </summary>
    public static bool TryResolve(string? header, long size, out ByteRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)
            || header.Contains(',', StringComparison.Ordinal))
        {
            return true;
        }

        var spec = header.AsSpan(6).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            // Suffix range: the last N bytes.
            if (!TryNumber(last, out var suffix) || suffix == 0 || size == 0)
            {
                return false;
            }

            var n = Math.Min(suffix, size);
            range = new ByteRange(size - n, n);
            return true;
        }

        if (!TryNumber(first, out var start) || start >= size)
        {
            return false;
        }

        var end = size - 1;
        if (!last.IsEmpty)
        {
            if (!TryNumber(last, out end) || end < start)
            {
                return false;
            }

            end = Math.Min(end, size - 1);
        }

        range = new ByteRange(start, end - start + 1);
        return true;
    }

    // Positions are unbounded digit strings in RFC 9110; one past long.MaxValue is still "beyond the end",
    // so saturate instead of rejecting (a huge last-pos means "to the end", not "unsatisfiable").
    private static bool TryNumber(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = long.MaxValue;
        }

        return true;
    }
}
