using Berth.Scanning.Inventory;

namespace Berth.Scanning.Sbom;

/// <summary>Turns an inventory's packages into SBOM components: purl, ecosystem, provenance; sorted and deduplicated.</summary>
public static class SbomComponents
{
    public static IReadOnlyList<SbomComponent> From(PlatformInventory inventory)
    {
        var os = inventory.OsRelease;
        var rows = inventory.Packages
            .Select(p => (Item: p, Purl: PackageUrls.For(p.Package, os)))
            .DistinctBy(r => (r.Purl, r.Item.Path, r.Item.Layer))
            .OrderBy(r => r.Purl, StringComparer.Ordinal)
            .ThenBy(r => r.Item.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Item.Layer, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var components = new List<SbomComponent>();
        foreach (var (item, purl) in rows)
        {
            var n = seen[purl] = seen.GetValueOrDefault(purl) + 1;
            var p = item.Package;
            var properties = new List<KeyValuePair<string, string>>();
            Add(properties, SbomProperties.Ecosystem, InventoryEcosystems.ForPackage(p.Kind, os));
            Add(properties, SbomProperties.Package, PackageUrls.EcosystemName(p));
            Add(properties, SbomProperties.Layer, item.Layer);
            Add(properties, SbomProperties.Path, item.Path);
            Add(properties, SbomProperties.SourceName, p.SourceName);
            Add(properties, SbomProperties.SourceVersion, p.SourceVersion);
            components.Add(new SbomComponent("library", n == 1 ? purl : $"{purl}#{n}", p.Group, p.Name, p.Version, purl, properties));
        }

        return components;
    }

    private static void Add(List<KeyValuePair<string, string>> list, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.Add(new(name, value));
        }
    }
}
