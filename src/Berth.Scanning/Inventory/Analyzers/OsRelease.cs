namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>What an image says about its distribution: os-release <c>ID</c> and <c>VERSION_ID</c>.</summary>
public sealed record OsRelease(string Id, string? VersionId, string? PrettyName = null);
