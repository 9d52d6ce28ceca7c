namespace Berth.Scanning.Findings.Components;

/// <summary>
/// The matcher's view of one SBOM component (docs/sbom-contract: a CycloneDX <c>components[]</c> entry with its
/// <c>berth:*</c> properties). Only what matching and reports need.
/// </summary>
/// <remarks>
/// A minimal model owned by the matcher so it does not depend on how the inventory builds SBOMs;
/// <see cref="CycloneDxComponents"/> reads it from the SBOM JSON. Immutable.
/// </remarks>
public sealed record ScannedComponent
{
    /// <summary>CycloneDX <c>type</c>: <c>library</c>, <c>operating-system</c> (never matched), <c>application</c> ...</summary>
    public string Type { get; init; } = "library";

    public required string Name { get; init; }

    /// <summary>The installed version exactly as the package manager records it (rpm: <c>EPOCH:V-R</c> with a non-zero epoch).</summary>
    public required string Version { get; init; }

    public string? Purl { get; init; }

    public string? BomRef { get; init; }

    /// <summary><c>berth:ecosystem</c>: the OSV ecosystem (<c>Debian:12</c>, <c>npm</c>); null → never matched.</summary>
    public string? Ecosystem { get; init; }

    /// <summary><c>berth:layer</c>: digest of the layer that last added or modified the package's record.</summary>
    public string? Layer { get; init; }

    /// <summary><c>berth:path</c>: path inside the image of the file the package was read from.</summary>
    public string? Path { get; init; }

    /// <summary><c>berth:source-name</c>: dpkg <c>Source:</c>, apk origin, source rpm name.</summary>
    public string? SourceName { get; init; }

    /// <summary><c>berth:source-version</c>: the source package's version, when it differs.</summary>
    public string? SourceVersion { get; init; }
}

/// <summary>The image an SBOM describes (its <c>metadata.component</c>) and its components.</summary>
public sealed record ScannedImage
{
    /// <summary>The repository (<c>metadata.component.name</c>), when given.</summary>
    public string? Repository { get; init; }

    /// <summary>The manifest digest (<c>metadata.component.version</c>), when given.</summary>
    public string? Digest { get; init; }

    /// <summary><c>berth:platform</c> of the image, when given.</summary>
    public string? Platform { get; init; }

    /// <summary>The distro ecosystem of the <c>operating-system</c> component, when there is one.</summary>
    public string? OperatingSystem { get; init; }

    public IReadOnlyList<ScannedComponent> Components { get; init; } = [];
}
