namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>
/// A regular file in a layer as analyzers see it before reading: <see cref="Path"/> is relative to the
/// image root without a leading <c>/</c> or <c>./</c> (e.g. <c>var/lib/dpkg/status</c>).
/// </summary>
public readonly record struct LayerFile(string Path, long Size, bool IsExecutable)
{
    /// <summary>The last path segment.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
