using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// Everything the inventory needs from one layer, independent of the layers around it, so it can be
/// cached by layer digest: findings per analysed path, and what hides content of lower layers
/// (whiteouts, opaque directories, and every other non-directory entry, kept as path hashes). Immutable
/// once built; safe to share between scans.
/// </summary>
public sealed class LayerAnalysis(
    IReadOnlyDictionary<string, FileFindings> files,
    IReadOnlyList<string> whiteouts,
    IReadOnlyList<string> opaqueDirectories,
    ulong[]? replacedHashes = null)
{
    private readonly ulong[] _replaced = replacedHashes ?? [];

    /// <summary>Findings per path (relative, no leading slash); the last entry for a path in the tar wins.</summary>
    public IReadOnlyDictionary<string, FileFindings> Files { get; } = files;

    /// <summary>Paths removed from lower layers by <c>.wh.&lt;name&gt;</c> entries (with everything below them).</summary>
    public IReadOnlyList<string> Whiteouts { get; } = whiteouts;

    /// <summary>Directories whose lower-layer content is hidden by <c>.wh..wh..opq</c>.</summary>
    public IReadOnlyList<string> OpaqueDirectories { get; } = opaqueDirectories;

    /// <summary>
    /// Whether this layer has a non-directory entry (a file no analyzer wanted, a link) at <paramref name="path"/>,
    /// which replaces whatever a lower layer had there or below it. Hash-based: 8 bytes per entry.
    /// </summary>
    /// <summary>The sorted path hashes behind <see cref="Replaces"/> (for persisting the analysis).</summary>
    public IReadOnlyList<ulong> ReplacedHashes => _replaced;

    public bool Replaces(string path) => _replaced.Length > 0 && Array.BinarySearch(_replaced, PathHash.Of(path)) >= 0;
}
