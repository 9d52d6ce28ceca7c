namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>
/// One package an analyzer read from one file. <see cref="Version"/> is the exact string the package
/// manager records (rpm: <c>EPOCH:VERSION-RELEASE</c> with the epoch only when non-zero).
/// </summary>
public sealed record FoundPackage(PackageKind Kind, string Name, string Version)
{
    /// <summary>Maven groupId; null elsewhere (npm scopes stay in <see cref="Name"/>).</summary>
    public string? Group { get; init; }

    public string? Arch { get; init; }

    /// <summary>Distro source package (dpkg <c>Source:</c>, apk origin, rpm source rpm name).</summary>
    public string? SourceName { get; init; }

    public string? SourceVersion { get; init; }

    /// <summary>rpm epoch when non-zero; the purl carries it as a qualifier.</summary>
    public string? Epoch { get; init; }
}
