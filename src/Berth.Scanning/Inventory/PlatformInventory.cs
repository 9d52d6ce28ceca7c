using Berth.Core.Oci;
using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory;

/// <summary>What one platform image holds: its distribution, its packages and the files that could not be read.</summary>
public sealed record PlatformInventory(
    Digest ManifestDigest,
    ImagePlatform Platform,
    OsRelease? OsRelease,
    string? OsReleaseLayer,
    IReadOnlyList<InventoriedPackage> Packages,
    IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>How many layers came from the per-layer cache instead of being read.</summary>
    public int LayersFromCache { get; init; }
}

/// <summary>The outcome of an inventory: the inventory, or why there is none (an expected failure).</summary>
public sealed record InventoryResult(PlatformInventory? Inventory, string? Failure)
{
    public bool Succeeded => Inventory is not null;

    public static InventoryResult Ok(PlatformInventory inventory) => new(inventory, null);

    public static InventoryResult Fail(string reason) => new(null, reason);
}
