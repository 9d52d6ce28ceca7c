using System.IO.Compression;

namespace Berth.Scanning.Inventory.Analyzers.Languages;

/// <summary>
/// Maven artifacts inside Java archives (<c>.jar</c>, <c>.war</c>, <c>.ear</c>, Jenkins <c>.hpi</c>/<c>.jpi</c>):
/// every <c>META-INF/maven/**/pom.properties</c> (shaded jars hold several), else the manifest's
/// Implementation-* or Bundle-* attributes. Archives nested one level deep (Spring Boot's
/// <c>BOOT-INF/lib</c>, a war's <c>WEB-INF/lib</c>) are read too, each bounded by the file cap.
/// </summary>
public sealed class JavaArchiveAnalyzer(long maxNestedBytes = 64L * 1024 * 1024) : IPackageAnalyzer
{
    private const int MaxTextBytes = 1024 * 1024;

    private static readonly string[] Extensions = [".jar", ".war", ".ear", ".hpi", ".jpi"];

    public string Id => "java/1";

    public bool Wants(LayerFile file) => Extensions.Any(e => file.Path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public void Analyze(LayerFile file, Stream content, FileFindings findings) => Read(content, findings, nested: true);

    private void Read(Stream content, FileFindings findings, bool nested)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var found = false;
        ZipArchiveEntry? manifest = null;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.StartsWith("META-INF/maven/", StringComparison.Ordinal)
                && entry.FullName.EndsWith("/pom.properties", StringComparison.Ordinal))
            {
                found |= AddPomProperties(entry, findings);
            }
            else if (entry.FullName.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase))
            {
                manifest = entry;
            }
            else if (nested && Wants(new LayerFile(entry.FullName, entry.Length, false)) && entry.Length <= maxNestedBytes)
            {
                using var inner = new MemoryStream(checked((int)entry.Length));
                using (var source = entry.Open())
                {
                    source.CopyTo(inner);
                }

                inner.Position = 0;
                Read(inner, findings, nested: false);
            }
        }

        if (!found && manifest is not null)
        {
            AddFromManifest(manifest, findings);
        }
    }

    private static bool AddPomProperties(ZipArchiveEntry entry, FileFindings findings)
    {
        var values = ReadProperties(entry, '=');
        if (values.GetValueOrDefault("artifactId") is not { Length: > 0 } artifact
            || values.GetValueOrDefault("version") is not { Length: > 0 } version)
        {
            return false;
        }

        findings.Packages.Add(new FoundPackage(PackageKind.Maven, artifact, version) { Group = values.GetValueOrDefault("groupId") });
        return true;
    }

    private static void AddFromManifest(ZipArchiveEntry entry, FileFindings findings)
    {
        var values = ReadProperties(entry, ':');
        var version = values.GetValueOrDefault("Implementation-Version") ?? values.GetValueOrDefault("Bundle-Version");
        var name = values.GetValueOrDefault("Implementation-Title") ?? values.GetValueOrDefault("Bundle-SymbolicName");
        if (name is not { Length: > 0 } || version is not { Length: > 0 })
        {
            return;
        }

        // Bundle-SymbolicName may carry directives: "org.example.lib;singleton:=true".
        name = name.Split(';')[0].Trim();
        findings.Packages.Add(new FoundPackage(PackageKind.Maven, name, version)
        {
            Group = values.GetValueOrDefault("Implementation-Vendor-Id"),
        });
    }

    private static Dictionary<string, string> ReadProperties(ZipArchiveEntry entry, char separator)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        // A properties file or manifest is a few KiB; reading at most 1 MiB keeps a zip bomb harmless.
        var text = new byte[MaxTextBytes];
        int length;
        using (var source = entry.Open())
        {
            length = source.ReadAtLeast(text, text.Length, throwOnEndOfStream: false);
        }

        using var reader = new StreamReader(new MemoryStream(text, 0, length));
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && !line.StartsWith('#') && !line.StartsWith(' '))
            {
                values.TryAdd(line[..at].Trim(), line[(at + 1)..].Trim());
            }
        }

        return values;
    }
}
