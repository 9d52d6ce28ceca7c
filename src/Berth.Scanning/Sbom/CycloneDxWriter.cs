using System.Text.Json;
using Berth.Scanning.Inventory;

namespace Berth.Scanning.Sbom;

/// <summary>
/// Writes one platform's inventory as a CycloneDX 1.6 JSON SBOM. Components are ordered by purl, then
/// path and layer, so the same image always gives the same document apart from timestamp and serial.
/// Thread-safe (stateless).
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>The SBOM as UTF-8 JSON. <paramref name="repository"/> names the image (metadata.component).</summary>
    public static byte[] Write(PlatformInventory inventory, string repository, DateTimeOffset timestamp, Guid serialNumber)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", $"urn:uuid:{serialNumber:D}");
            w.WriteNumber("version", 1);
            WriteMetadata(w, inventory, repository, timestamp);
            w.WriteStartArray("components");
            WriteOperatingSystem(w, inventory);
            foreach (var component in SbomComponents.From(inventory))
            {
                WriteComponent(w, component);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter w, PlatformInventory inventory, string repository, DateTimeOffset timestamp)
    {
        w.WriteStartObject("metadata");
        w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "Berth");
        w.WriteString("version", typeof(CycloneDxWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("component");
        w.WriteString("type", "container");
        w.WriteString("bom-ref", $"image:{inventory.ManifestDigest}");
        w.WriteString("name", repository);
        w.WriteString("version", inventory.ManifestDigest.ToString());
        WriteProperties(w, [(SbomProperties.Platform, inventory.Platform.ToString())]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteOperatingSystem(Utf8JsonWriter w, PlatformInventory inventory)
    {
        if (inventory.OsRelease is not { } os)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", "operating-system");
        w.WriteString("bom-ref", $"os:{os.Id}@{os.VersionId}");
        w.WriteString("name", os.Id);
        if (os.VersionId is not null)
        {
            w.WriteString("version", os.VersionId);
        }

        if (os.PrettyName is not null)
        {
            w.WriteString("description", os.PrettyName);
        }

        var properties = new List<(string, string?)> { (SbomProperties.Ecosystem, InventoryEcosystems.ForDistro(os)) };
        properties.Add((SbomProperties.Layer, inventory.OsReleaseLayer));
        WriteProperties(w, properties);
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, SbomComponent c)
    {
        w.WriteStartObject();
        w.WriteString("type", c.Type);
        w.WriteString("bom-ref", c.BomRef);
        if (c.Group is not null)
        {
            w.WriteString("group", c.Group);
        }

        w.WriteString("name", c.Name);
        w.WriteString("version", c.Version);
        w.WriteString("purl", c.Purl);
        WriteProperties(w, c.Properties.Select(p => (p.Key, (string?)p.Value)));
        w.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter w, IEnumerable<(string Name, string? Value)> properties)
    {
        w.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("value", value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
