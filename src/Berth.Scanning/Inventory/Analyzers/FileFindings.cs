namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>
/// What the analyzers found in one file of one layer. An entry with nothing found still matters: it
/// hides what a lower layer recorded at the same path. Not thread-safe while being filled.
/// </summary>
public sealed class FileFindings
{
    public List<FoundPackage> Packages { get; } = [];

    public OsRelease? OsRelease { get; set; }

    /// <summary>Why the file was not (fully) read, e.g. over the size cap; null when it was.</summary>
    public string? SkipReason { get; set; }
}
