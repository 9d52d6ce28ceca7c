namespace Berth.Scanning.Advisories.Import;

/// <summary>How <see cref="AdvisoryImporter"/> reads and applies a source.</summary>
public sealed record ImportOptions
{
    /// <summary>Advisory details are trimmed and cut to this many characters (default 4096); 0 drops them; null keeps them whole.</summary>
    public int? MaxDetailsLength { get; init; } = 4096;

    /// <summary>Re-importing the same path or URL removes what it no longer holds (default true); see <c>ImportSessionOptions</c>.</summary>
    public bool PruneMissing { get; init; } = true;

    /// <summary>Largest download accepted for a URL import (default 4 GiB).</summary>
    public long MaxDownloadBytes { get; init; } = 4L << 30;

    /// <summary>Largest single JSON/YAML/list document, on disk or in an archive (default 64 MiB).</summary>
    public long MaxDocumentBytes { get; init; } = 64L << 20;

    /// <summary>Where URL downloads are kept while they are imported; the system temp directory when null.</summary>
    public string? TempDirectory { get; init; }
}
