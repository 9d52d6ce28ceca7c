namespace Berth.Scanning.Sbom;

/// <summary>Names of the <c>properties[]</c> Berth writes into its SBOMs (the contract with the matcher).</summary>
public static class SbomProperties
{
    public const string Ecosystem = "berth:ecosystem";
    public const string Layer = "berth:layer";
    public const string Path = "berth:path";
    public const string SourceName = "berth:source-name";
    public const string SourceVersion = "berth:source-version";
    public const string Platform = "berth:platform";

    /// <summary>The package name as the OSV ecosystem spells it (Maven <c>group:artifact</c>, PyPI PEP 503).</summary>
    public const string Package = "berth:package";

    /// <summary>The media type of a CycloneDX JSON document (the referrer's artifactType).</summary>
    public const string MediaType = "application/vnd.cyclonedx+json";
}
