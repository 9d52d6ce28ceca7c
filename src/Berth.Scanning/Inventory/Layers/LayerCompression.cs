namespace Berth.Scanning.Inventory.Layers;

/// <summary>How a layer blob is compressed.</summary>
public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}

/// <summary>Tells a layer's compression from its first bytes, falling back to its media type.</summary>
public static class LayerCompressionDetector
{
    /// <summary>Bytes needed by <see cref="Detect"/> to recognise every supported magic.</summary>
    public const int MagicLength = 4;

    /// <summary>
    /// The magic bytes win over the media type: Docker's <c>tar.gzip</c> type has been seen on plain tars.
    /// The media type decides only when the blob is too short to carry a magic. Never throws.
    /// </summary>
    public static LayerCompression Detect(string? mediaType, ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return LayerCompression.Gzip;
        }

        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd)
        {
            return LayerCompression.Zstd;
        }

        if (head.Length >= MagicLength || mediaType is null)
        {
            return LayerCompression.None;
        }

        return mediaType.EndsWith("zstd", StringComparison.OrdinalIgnoreCase) ? LayerCompression.Zstd
            : mediaType.EndsWith("gzip", StringComparison.OrdinalIgnoreCase) ? LayerCompression.Gzip
            : LayerCompression.None;
    }
}
