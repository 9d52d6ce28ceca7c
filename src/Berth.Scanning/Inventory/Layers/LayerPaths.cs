namespace Berth.Scanning.Inventory.Layers;

/// <summary>Normalises tar entry names and recognises OCI whiteouts.</summary>
public static class LayerPaths
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    /// <summary><c>./usr/bin/</c> and <c>/usr/bin</c> → <c>usr/bin</c>; the root is the empty string.</summary>
    public static string Normalize(string name)
    {
        var span = name.AsSpan();
        while (true)
        {
            if (span.StartsWith("./"))
            {
                span = span[2..];
            }
            else if (span.StartsWith("/"))
            {
                span = span[1..];
            }
            else
            {
                break;
            }
        }

        span = span.TrimEnd('/');
        return span is "." ? string.Empty : span.ToString();
    }

    /// <summary>
    /// Classifies a normalised path: an opaque marker yields its directory, a whiteout the path it removes.
    /// Other <c>.wh..wh.</c> names (overlay's hard-link helpers) are neither and carry no content.
    /// </summary>
    public static WhiteoutKind Classify(string path, out string target)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash < 0 ? string.Empty : path[..slash];
        var file = path[(slash + 1)..];
        target = path;
        if (!file.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            return WhiteoutKind.None;
        }

        if (file == OpaqueMarker)
        {
            target = dir;
            return WhiteoutKind.Opaque;
        }

        if (file.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
        {
            return WhiteoutKind.Ignored;
        }

        var name = file[WhiteoutPrefix.Length..];
        target = dir.Length == 0 ? name : dir + "/" + name;
        return WhiteoutKind.Whiteout;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or below it (the empty root holds everything).</summary>
    public static bool IsAtOrBelow(string path, string root) =>
        root.Length == 0
        || (path.StartsWith(root, StringComparison.Ordinal) && (path.Length == root.Length || path[root.Length] == '/'));
}

/// <summary>What a tar entry's name means for lower layers.</summary>
public enum WhiteoutKind
{
    None,
    Whiteout,
    Opaque,
    Ignored,
}
