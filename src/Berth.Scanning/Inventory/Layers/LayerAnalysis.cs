using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// Everything the inventory needs from one layer, independent of the layers around it, so it can be
/// cached by layer digest: findings per analysed path, and the whiteouts and opaque directories that
/// hide content of lower layers. Immutable once built; safe to share between scans.
/// </summary>
public sealed class LayerAnalysis(
    IReadOnlyDictionary<string, FileFindings> files,
    IReadOnlyList<string> whiteouts,
    IReadOnlyList<string> opaqueDirectories)
{
    /// <summary>Findings per path (relative, no leading slash); the last entry for a path in the tar wins.</summary>
    public IReadOnlyDictionary<string, FileFindings> Files { get; } = files;

    /// <summary>Paths removed from lower layers by <c>.wh.&lt;name&gt;</c> entries (with everything below them).</summary>
    public IReadOnlyList<string> Whiteouts { get; } = whiteouts;

    /// <summary>Directories whose lower-layer content is hidden by <c>.wh..wh..opq</c>.</summary>
    public IReadOnlyList<string> OpaqueDirectories { get; } = opaqueDirectories;
}
