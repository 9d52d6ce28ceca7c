namespace Berth.Scanning.Sbom;

/// <summary>
/// One <c>components[]</c> entry of a Berth SBOM, as written and as read back. <see cref="Properties"/>
/// keeps document order; names are <see cref="SbomProperties"/> constants.
/// </summary>
public sealed record SbomComponent(
    string Type,
    string BomRef,
    string? Group,
    string Name,
    string Version,
    string? Purl,
    IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>The first property of that name, or null.</summary>
    public string? Property(string name) =>
        Properties.FirstOrDefault(p => p.Key == name) is { Key: not null } found ? found.Value : null;

    public string? Ecosystem => Property(SbomProperties.Ecosystem);

    public string? Layer => Property(SbomProperties.Layer);

    public string? Path => Property(SbomProperties.Path);

    public string? SourceName => Property(SbomProperties.SourceName);

    public string? SourceVersion => Property(SbomProperties.SourceVersion);
}
