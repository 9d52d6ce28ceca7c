using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Core.Oci;

/// <summary>
/// Validates a manifest body against its declared media type (OCI image manifest and index, Docker
/// schema 2 manifest and manifest list, OCI artifacts). Throws <see cref="OciException"/> with
/// MANIFEST_INVALID or UNSUPPORTED; never touches storage. Thread-safe (stateless).
/// </summary>
public static class ManifestParser
{
    private const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    private const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    public static ParsedManifest Parse(ReadOnlySpan<byte> body, string? contentType)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        JsonDocument doc;
        try
        {
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw Invalid($"manifest is not valid JSON: {e.Message}");
        }

        using (doc)
        {
            EnsureNothingFollows(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("manifest must be a JSON object");
            }

            var mediaType = ResolveMediaType(root, NormalizeContentType(contentType));
            if (!root.TryGetProperty("schemaVersion", out var schema) || schema.ValueKind != JsonValueKind.Number
                || !schema.TryGetInt32(out var version) || version != 2)
            {
                throw Invalid("schemaVersion must be 2");
            }

            var artifactType = OptionalString(root, "artifactType");
            if (artifactType is not null && !MediaTypes.IsWellFormed(artifactType))
            {
                throw Invalid($"artifactType '{artifactType}' is not a media type");
            }

            var subject = root.TryGetProperty("subject", out var s) ? ParseDescriptor(s, "subject") : null;
            var annotations = root.TryGetProperty("annotations", out var a) ? ValidateAnnotations(a) : null;

            if (MediaTypes.IsIndex(mediaType))
            {
                var manifests = ParseDescriptorArray(root, "manifests", required: true);
                if (root.TryGetProperty("layers", out _) || root.TryGetProperty("config", out _))
                {
                    throw Invalid("an index must not have config or layers");
                }

                return new ParsedManifest(mediaType, artifactType, null, [], manifests, subject, annotations);
            }

            if (!root.TryGetProperty("config", out var configElement))
            {
                throw Invalid("manifest has no config descriptor");
            }

            if (root.TryGetProperty("manifests", out _))
            {
                throw Invalid("an image manifest must not have manifests");
            }

            var config = ParseDescriptor(configElement, "config");
            // The image-spec's manifest schema lists layers as required for OCI too; artifacts send [].
            var layers = ParseDescriptorArray(root, "layers", required: true);
            if (artifactType is not null && mediaType != MediaTypes.OciManifest)
            {
                throw Invalid("artifactType is only allowed in OCI manifests");
            }

            return new ParsedManifest(mediaType, artifactType, config, layers, [], subject, annotations);
        }
    }

    // ParseValue stops after the first value; a body with anything but whitespace after it is not one JSON document.
    private static void EnsureNothingFollows(ref Utf8JsonReader reader)
    {
        try
        {
            if (!reader.Read())
            {
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw Invalid("manifest has content after its JSON value");
    }

    private static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? contentType[..semi] : contentType).Trim().ToLowerInvariant();
    }

    private static string ResolveMediaType(JsonElement root, string? contentType)
    {
        if (contentType is DockerSchema1 or DockerSchema1Signed)
        {
            throw new OciException(ErrorCodes.Unsupported, "Docker schema 1 manifests are not supported; push schema 2 or OCI");
        }

        var declared = OptionalString(root, "mediaType");
        if (declared is DockerSchema1 or DockerSchema1Signed)
        {
            throw new OciException(ErrorCodes.Unsupported, "Docker schema 1 manifests are not supported; push schema 2 or OCI");
        }

        if (declared is not null && !MediaTypes.IsManifest(declared))
        {
            throw Invalid($"unsupported manifest mediaType '{declared}'");
        }

        var fromHeader = MediaTypes.IsManifest(contentType) ? contentType : null;
        if (fromHeader is not null && declared is not null && declared != fromHeader)
        {
            throw Invalid($"Content-Type '{fromHeader}' does not match the manifest's mediaType '{declared}'");
        }

        if (contentType is not null && fromHeader is null && contentType is not ("application/json" or "application/octet-stream"))
        {
            throw Invalid($"Content-Type '{contentType}' is not a manifest media type");
        }

        var mediaType = fromHeader ?? declared ?? Infer(root);
        if (mediaType is MediaTypes.DockerManifest or MediaTypes.DockerManifestList && declared is null)
        {
            throw Invalid("Docker schema 2 manifests must carry their mediaType");
        }

        return mediaType;
    }

    private static string Infer(JsonElement root) =>
        root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex
        : root.TryGetProperty("config", out _) ? MediaTypes.OciManifest
        : throw Invalid("cannot tell the manifest's media type: set Content-Type or mediaType");

    private static List<Descriptor> ParseDescriptorArray(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            return required ? throw Invalid($"manifest has no '{name}' array") : [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{name}' must be an array");
        }

        var list = new List<Descriptor>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            list.Add(ParseDescriptor(item, $"{name}[{i++}]"));
        }

        return list;
    }

    private static Descriptor ParseDescriptor(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} must be a descriptor object");
        }

        var mediaType = OptionalString(e, "mediaType");
        if (string.IsNullOrEmpty(mediaType))
        {
            throw Invalid($"{where} has no mediaType");
        }

        if (!MediaTypes.IsWellFormed(mediaType))
        {
            throw Invalid($"{where} has a malformed mediaType '{mediaType}'");
        }

        var digestText = OptionalString(e, "digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw Invalid($"{where} has an invalid digest '{digestText}'");
        }

        if (!e.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw Invalid($"{where} has no valid size");
        }

        if (e.TryGetProperty("annotations", out var annotations))
        {
            ValidateAnnotations(annotations);
        }

        var hasUrls = e.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0;
        return new Descriptor(mediaType, digest, size, OptionalString(e, "artifactType"), hasUrls);
    }

    private static string ValidateAnnotations(JsonElement a)
    {
        if (a.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("annotations must be an object of strings");
        }

        foreach (var p in a.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"annotation '{p.Name}' must be a string");
            }
        }

        return a.GetRawText();
    }

    private static string? OptionalString(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid($"'{name}' must be a string");
    }

    private static OciException Invalid(string message) => new(ErrorCodes.ManifestInvalid, message);
}
