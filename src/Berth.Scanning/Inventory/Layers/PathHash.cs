namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// FNV-1a 64-bit hash of a path: stable across processes (unlike <see cref="string.GetHashCode()"/>), so
/// cached layer analyses could be persisted; a collision would only hide one lower-layer finding.
/// </summary>
internal static class PathHash
{
    public static ulong Of(string path)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in path)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
