namespace Berth.Scanning.Tests.Inventory.TestImages;

/// <summary>Layers with real package databases, shared by the inventory and SBOM tests.</summary>
public static class TestImage
{
    /// <summary>This machine's own os-release, debian_version and dpkg status.</summary>
    public static LayerBuilder DebianBase() => new LayerBuilder()
        .Directory("etc")
        .File("etc/os-release", File.ReadAllBytes("/etc/os-release"))
        .File("etc/debian_version", File.ReadAllBytes("/etc/debian_version"))
        .Directory("var/lib/dpkg")
        .File("var/lib/dpkg/status", File.ReadAllBytes("/var/lib/dpkg/status"));

    public static LayerBuilder AlpineBase() => new LayerBuilder()
        .File("etc/alpine-release", "3.19.1\n")
        .File("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
        .File("lib/apk/db/installed", ApkAndOsReleaseAnalyzerTests.ApkInstalled);

    /// <summary>Python, npm, NuGet and Java metadata from the test data (real tool output).</summary>
    public static LayerBuilder Languages() => new LayerBuilder()
        .File("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA", File.ReadAllBytes(Analyze.TestData("inventory", "python", "PyYAML-METADATA")))
        .File("usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO", File.ReadAllBytes(Analyze.TestData("inventory", "python", "PyJWT-PKG-INFO")))
        .File("srv/app/package-lock.json", File.ReadAllBytes(Analyze.TestData("inventory", "npm", "package-lock.json")))
        .File("srv/api/packages.lock.json", File.ReadAllBytes(Analyze.TestData("inventory", "nuget", "packages.lock.json")))
        .File("opt/lib/slf4j-nop-1.7.32.jar", File.ReadAllBytes(Analyze.TestData("inventory", "java", "slf4j-nop-1.7.32.jar")));
}
