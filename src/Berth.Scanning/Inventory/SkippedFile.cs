namespace Berth.Scanning.Inventory;

/// <summary>A file an analyzer wanted but could not read fully (over the size cap, a link, malformed).</summary>
public sealed record SkippedFile(string Layer, string Path, string Reason);
