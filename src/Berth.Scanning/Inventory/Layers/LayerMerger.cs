using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// Stacks layer analyses lower to upper the way an overlay filesystem does: a layer's whiteouts and
/// opaque directories hide what the layers below it recorded, so do its other entries at (or above) a
/// recorded path (a binary replaced by a symlink), then its own analysed files replace same paths.
/// </summary>
public static class LayerMerger
{
    /// <summary>The files visible in the final image, each with the digest of the layer that last wrote it.</summary>
    public static IReadOnlyDictionary<string, (FileFindings Findings, string Layer)> Merge(
        IEnumerable<(string Digest, LayerAnalysis Analysis)> layers)
    {
        var visible = new Dictionary<string, (FileFindings, string)>(StringComparer.Ordinal);
        foreach (var (digest, analysis) in layers)
        {
            foreach (var dir in analysis.OpaqueDirectories)
            {
                RemoveWhere(visible, p => p != dir && LayerPaths.IsAtOrBelow(p, dir));
            }

            foreach (var removed in analysis.Whiteouts)
            {
                RemoveWhere(visible, p => LayerPaths.IsAtOrBelow(p, removed));
            }

            RemoveWhere(visible, p => IsReplaced(analysis, p));
            foreach (var (path, findings) in analysis.Files)
            {
                visible[path] = (findings, digest);
            }
        }

        return visible;
    }

    // A lower file is gone when this layer put anything but a directory at its path or at one of its parents.
    private static bool IsReplaced(LayerAnalysis analysis, string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
        {
            if (analysis.Replaces(path[..end]))
            {
                return true;
            }
        }

        return false;
    }

    private static void RemoveWhere(Dictionary<string, (FileFindings, string)> visible, Func<string, bool> hidden)
    {
        foreach (var path in visible.Keys.Where(hidden).ToList())
        {
            visible.Remove(path);
        }
    }
}
