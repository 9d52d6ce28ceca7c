using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Berth.Scanning.Sbom;

/// <summary>
/// Loads a stored CycloneDX JSON SBOM back into components, so findings can be re-matched without
/// reading layers. Reads any CycloneDX JSON, keeps only what Berth uses. Thread-safe (stateless).
/// </summary>
public static class CycloneDxReader
{
    /// <summary>False with a reason when <paramref name="json"/> is not a CycloneDX JSON document.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out SbomDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(json);
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            error = $"SBOM is not valid JSON: {e.Message}";
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "bomFormat") != "CycloneDX")
            {
                error = "document is not a CycloneDX BOM (bomFormat must be \"CycloneDX\")";
                return false;
            }

            SbomComponent? image = null;
            DateTimeOffset? timestamp = null;
            if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                if (Text(metadata, "timestamp") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    timestamp = parsed;
                }

                if (metadata.TryGetProperty("component", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    image = Component(c);
                }
            }

            SbomComponent? os = null;
            var components = new List<SbomComponent>();
            if (root.TryGetProperty("components", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in array.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var component = Component(element);
                    if (component.Type == "operating-system")
                    {
                        os ??= component;
                    }
                    else
                    {
                        components.Add(component);
                    }
                }
            }

            document = new SbomDocument(Text(root, "serialNumber") ?? string.Empty, timestamp, image?.Name, image?.Version,
                image?.Property(SbomProperties.Platform), os, components);
            error = null;
            return true;
        }
    }

    private static SbomComponent Component(JsonElement e)
    {
        var properties = new List<KeyValuePair<string, string>>();
        if (e.TryGetProperty("properties", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in array.EnumerateArray())
            {
                if (p.ValueKind == JsonValueKind.Object && Text(p, "name") is { } name)
                {
                    properties.Add(new(name, Text(p, "value") ?? string.Empty));
                }
            }
        }

        return new SbomComponent(Text(e, "type") ?? "library", Text(e, "bom-ref") ?? string.Empty, Text(e, "group"),
            Text(e, "name") ?? string.Empty, Text(e, "version") ?? string.Empty, Text(e, "purl"), properties);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
