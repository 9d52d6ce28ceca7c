using System.Text.Json;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Berth.Core.Scanning;
using Berth.Core.Storage;
using Berth.Scanning.Sbom;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Stores an SBOM as an OCI referrer of its platform manifest (an image manifest with <c>artifactType</c>
/// <see cref="SbomProperties.MediaType"/>, the SBOM as its one layer and <c>subject</c> = the platform manifest),
/// through the registry's own upload and manifest services, so the referrers API lists it and GC, quotas and events
/// treat it as any other manifest. Finds the SBOM Berth stored earlier, so one platform manifest gets one SBOM.
/// </summary>
public sealed class SbomReferrers(UploadService uploads, ManifestService manifests, IBlobStore blobs, TimeProvider time)
{
    /// <summary>The annotation that marks Berth's own SBOM referrers (user-pushed SBOMs are never reused).</summary>
    public const string GeneratorAnnotation = "dev.berth.sbom.generator";

    private static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    /// <summary>The SBOM Berth stored for the platform manifest, opened for reading; null when there is none.</summary>
    public async Task<(SbomReference Reference, Stream Content)?> FindAsync(ScanTarget platform, string platformName, CancellationToken ct)
    {
        var referrers = await manifests.ListReferrersAsync(platform.RegistryId, platform.Repository, platform.Manifest.ToString(), SbomProperties.MediaType, ct);
        foreach (var referrer in referrers.Where(r => IsOurs(r.AnnotationsJson)).OrderBy(r => r.Digest.ToString(), StringComparer.Ordinal))
        {
            var manifest = await manifests.GetAsync(platform.RegistryId, platform.Repository, referrer.Digest.ToString(), ct);
            if (manifest is null)
            {
                continue;
            }

            var layer = ManifestParser.Parse(manifest.Content, manifest.MediaType).Layers.FirstOrDefault();
            if (layer is not null && await blobs.OpenReadAsync(layer.Digest, 0, ct) is { } stream)
            {
                return (new SbomReference(platformName, platform.Manifest, referrer.Digest, layer.Digest), stream);
            }
        }

        return null;
    }

    /// <summary>Stores <paramref name="sbom"/> as a referrer of <paramref name="platformManifest"/> (throws OciException when the registry refuses it).</summary>
    public async Task<SbomReference> PushAsync(ScanTarget platform, ManifestRecord platformManifest, string platformName, byte[] sbom, CancellationToken ct)
    {
        using var origin = EventContext.Use(new EventOrigin(null, ScanningActors.Scanner));
        var registry = platform.RegistryId;
        var repository = platform.Repository;
        var blob = await uploads.PutMonolithicAsync(registry, repository, Digest.Compute(sbom).ToString(), new MemoryStream(sbom, writable: false), sbom.Length, ct);
        var config = await uploads.PutMonolithicAsync(registry, repository, Digest.Compute(EmptyConfig).ToString(), new MemoryStream(EmptyConfig, writable: false), EmptyConfig.Length, ct);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["artifactType"] = SbomProperties.MediaType,
            ["config"] = new { mediaType = MediaTypes.OciEmpty, digest = config.Digest.ToString(), size = config.Size },
            ["layers"] = new[]
            {
                new
                {
                    mediaType = SbomProperties.MediaType,
                    digest = blob.Digest.ToString(),
                    size = blob.Size,
                    annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "sbom.cdx.json" },
                },
            },
            ["subject"] = new { mediaType = platformManifest.MediaType, digest = platformManifest.Digest.ToString(), size = platformManifest.Size },
            ["annotations"] = new Dictionary<string, string>
            {
                ["org.opencontainers.image.created"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                [GeneratorAnnotation] = "berth",
                ["dev.berth.sbom.platform"] = platformName,
            },
        });
        var (digest, _) = await manifests.PutAsync(registry, repository, Digest.Compute(body).ToString(), MediaTypes.OciManifest, body, ct);
        return new SbomReference(platformName, platform.Manifest, digest, blob.Digest);
    }

    private static bool IsOurs(string? annotationsJson)
    {
        if (annotationsJson is null)
        {
            return false;
        }

        using var doc = JsonDocument.Parse(annotationsJson);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(GeneratorAnnotation, out _);
    }
}
