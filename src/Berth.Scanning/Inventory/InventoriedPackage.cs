using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory;

/// <summary>A package visible in the final image filesystem, with the layer and file that recorded it.</summary>
public sealed record InventoriedPackage(FoundPackage Package, string Layer, string Path);
