namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>
/// What an image says about its distribution: os-release <c>ID</c>, <c>VERSION_ID</c> and
/// <c>VERSION_CODENAME</c> (Debian testing has a codename but no version).
/// </summary>
public sealed record OsRelease(string Id, string? VersionId, string? PrettyName = null, string? Codename = null);
