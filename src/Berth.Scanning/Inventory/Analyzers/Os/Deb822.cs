using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// Reads control-file paragraphs (dpkg status, apk's installed db uses the same blank-line shape with
/// one-letter keys): <c>Key: value</c> lines, continuation lines start with white space.
/// </summary>
internal static class Deb822
{
    /// <summary>Each paragraph as a key → value map (continuations dropped: no field used here spans lines).</summary>
    public static IEnumerable<Dictionary<string, string>> Paragraphs(Stream content, char separator = ':')
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return current;
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                continue;
            }

            var colon = line.IndexOf(separator, StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            current.TryAdd(line[..colon], line[(colon + 1)..].Trim());
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
