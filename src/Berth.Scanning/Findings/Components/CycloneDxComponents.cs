using System.Text.Json;

namespace Berth.Scanning.Findings.Components;

/// <summary>
/// Reads the matcher's input from a CycloneDX 1.6 JSON SBOM written to Berth's SBOM contract: top-level and
/// nested <c>components[]</c> with <c>berth:*</c> properties, and the image from <c>metadata.component</c>.
/// </summary>
/// <remarks>Lenient: unknown fields are ignored, components without a name or version are skipped.</remarks>
public static class CycloneDxComponents
{
    /// <summary>Reads an SBOM document. Throws <see cref="JsonException"/> when the text is not a JSON object.</summary>
    public static ScannedImage Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    /// <summary>Reads an SBOM document from a stream (not disposed).</summary>
    public static async Task<ScannedImage> ReadAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        return Read(document.RootElement);
    }

    /// <summary>Reads an SBOM from its root element.</summary>
    public static ScannedImage Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a CycloneDX document is a JSON object");
        }

        var components = new List<ScannedComponent>();
        if (root.TryGetProperty("components", out var list))
        {
            Collect(list, components);
        }

        string? repository = null, digest = null, platform = null;
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("component", out var image) && image.ValueKind == JsonValueKind.Object)
        {
            repository = Text(image, "name");
            digest = Text(image, "version");
            platform = Property(image, "berth:platform");
        }

        return new ScannedImage
        {
            Repository = repository,
            Digest = digest,
            Platform = platform,
            OperatingSystem = components.FirstOrDefault(c => c.Type == "operating-system" && c.Ecosystem is not null)?.Ecosystem,
            Components = components,
        };
    }

    private static void Collect(JsonElement list, List<ScannedComponent> into)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Text(item, "name") is { } name && Text(item, "version") is { } version)
            {
                into.Add(new ScannedComponent
                {
                    Type = Text(item, "type") ?? "library",
                    Name = name,
                    Version = version,
                    Purl = Text(item, "purl"),
                    BomRef = Text(item, "bom-ref"),
                    Ecosystem = Property(item, "berth:ecosystem"),
                    Layer = Property(item, "berth:layer"),
                    Path = Property(item, "berth:path"),
                    SourceName = Property(item, "berth:source-name"),
                    SourceVersion = Property(item, "berth:source-version"),
                });
            }

            if (item.TryGetProperty("components", out var nested))
            {
                Collect(nested, into);
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string? Property(JsonElement element, string name)
    {
        if (!element.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var property in properties.EnumerateArray())
        {
            if (property.ValueKind == JsonValueKind.Object && Text(property, "name") == name)
            {
                return Text(property, "value");
            }
        }

        return null;
    }
}
