using System.IO.Compression;
using ZstdSharp;

namespace Berth.Scanning.Inventory.Layers;

/// <summary>Turns a layer blob stream into its uncompressed tar stream.</summary>
public static class LayerStreams
{
    /// <summary>
    /// Sniffs the blob's first bytes and wraps it in the matching decompressor. The returned stream owns
    /// <paramref name="blob"/>; the caller disposes it. Never buffers more than the magic.
    /// </summary>
    public static async Task<(Stream Tar, LayerCompression Compression)> OpenTarAsync(
        Stream blob, string? mediaType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var head = new byte[LayerCompressionDetector.MagicLength];
        var read = 0;
        while (read < head.Length)
        {
            var n = await blob.ReadAsync(head.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var compression = LayerCompressionDetector.Detect(mediaType, head.AsSpan(0, read));
        Stream raw = new PrefixedStream(head, read, blob);
        Stream tar = compression switch
        {
            LayerCompression.Gzip => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: false),
            LayerCompression.Zstd => new DecompressionStream(raw, leaveOpen: false),
            _ => raw,
        };
        return (tar, compression);
    }
}
