namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>The package manager that recorded a package; decides its purl type and OSV ecosystem.</summary>
public enum PackageKind
{
    Deb,
    Apk,
    Rpm,
    Npm,
    PyPI,
    NuGet,
    Go,
    Maven,
    Gem,
    Cargo,
}
