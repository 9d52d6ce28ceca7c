namespace Berth.Scanning.Sbom;

/// <summary>A Berth SBOM loaded back: the image it describes and its components.</summary>
public sealed record SbomDocument(
    string SerialNumber,
    DateTimeOffset? Timestamp,
    string? ImageName,
    string? ManifestDigest,
    string? Platform,
    SbomComponent? OperatingSystem,
    IReadOnlyList<SbomComponent> Components);
