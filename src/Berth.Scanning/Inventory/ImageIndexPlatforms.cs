using System.Text.Json;
using Berth.Core.Oci;

namespace Berth.Scanning.Inventory;

/// <summary>A platform image listed by an index (OCI image index or Docker manifest list).</summary>
public sealed record PlatformManifest(Digest Digest, string MediaType, ImagePlatform? Platform);

/// <summary>Lists the platform manifests of an index, leaving out attestation and artifact entries.</summary>
public static class ImageIndexPlatforms
{
    /// <summary>
    /// The child image manifests worth an inventory. BuildKit's attestation manifests (platform
    /// <c>unknown/unknown</c>) and entries that are not image manifests are dropped. Throws
    /// <see cref="Berth.Core.Errors.OciException"/> when <paramref name="index"/> is not a valid index.
    /// </summary>
    public static IReadOnlyList<PlatformManifest> List(ReadOnlySpan<byte> index, string? mediaType)
    {
        var parsed = ManifestParser.Parse(index, mediaType);
        if (!MediaTypes.IsIndex(parsed.MediaType))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(index.ToArray());
        var result = new List<PlatformManifest>();
        var i = 0;
        foreach (var entry in doc.RootElement.GetProperty("manifests").EnumerateArray())
        {
            var descriptor = parsed.Manifests[i++];
            if (descriptor.MediaType is not (MediaTypes.OciManifest or MediaTypes.DockerManifest))
            {
                continue;
            }

            var platform = entry.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object
                ? new ImagePlatform(Text(p, "os") ?? "unknown", Text(p, "architecture") ?? "unknown", Text(p, "variant"))
                : null;
            if (platform is { Os: "unknown", Architecture: "unknown" })
            {
                continue;
            }

            result.Add(new PlatformManifest(descriptor.Digest, descriptor.MediaType, platform));
        }

        return result;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
