namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// Alpine packages from apk-tools' <c>lib/apk/db/installed</c>: <c>P:</c> name, <c>V:</c> version,
/// <c>A:</c> architecture, <c>o:</c> origin (the source package advisories are filed under).
/// </summary>
public sealed class ApkInstalledAnalyzer : IPackageAnalyzer
{
    public string Id => "apk/1";

    public bool Wants(LayerFile file) => file.Path == "lib/apk/db/installed";

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        foreach (var p in Deb822.Paragraphs(content))
        {
            if (!p.TryGetValue("P", out var name) || !p.TryGetValue("V", out var version)
                || name.Length == 0 || version.Length == 0)
            {
                continue;
            }

            findings.Packages.Add(new FoundPackage(PackageKind.Apk, name, version)
            {
                Arch = p.GetValueOrDefault("A"),
                SourceName = p.TryGetValue("o", out var origin) && origin.Length > 0 ? origin : name,
                SourceVersion = version,
            });
        }
    }
}
