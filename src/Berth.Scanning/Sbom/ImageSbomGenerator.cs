using Berth.Scanning.Inventory;

namespace Berth.Scanning.Sbom;

/// <summary>One platform image's SBOM (CycloneDX JSON, media type <see cref="SbomProperties.MediaType"/>) and the inventory behind it.</summary>
public sealed record PlatformSbom(PlatformInventory Inventory, byte[] Json);

/// <summary>
/// Inventory plus SBOM for one platform manifest: the call the scanner makes per image (for an index,
/// per child from <see cref="ImageIndexPlatforms.List"/>). Thread-safe.
/// </summary>
public sealed class ImageSbomGenerator(ImageInventory inventory, TimeProvider time)
{
    /// <summary>The SBOM, or the inventory's expected failure (missing blob, unreadable layer, an index passed).</summary>
    public async Task<(PlatformSbom? Sbom, string? Failure)> GenerateAsync(
        string repository, ReadOnlyMemory<byte> manifest, string? mediaType, ILayerSource blobs, CancellationToken ct)
    {
        var result = await inventory.InventoryAsync(manifest, mediaType, blobs, ct);
        if (result.Inventory is not { } found)
        {
            return (null, result.Failure);
        }

        var json = CycloneDxWriter.Write(found, repository, time.GetUtcNow(), Guid.NewGuid());
        return (new PlatformSbom(found, json), null);
    }
}
