using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Tests.Inventory.TestImages;

/// <summary>
/// A real OCI image layout on disk (oci-layout, index.json, blobs/sha256/...) built by tests, and the
/// blob source the inventory reads it through. Counts blob opens so tests can see cache hits.
/// </summary>
public sealed class OciLayout : ILayerSource, IDisposable
{
    private readonly List<JsonObject> _indexEntries = [];
    private int _opens;

    /// <summary>A new layout in a temp directory, or <paramref name="existingRoot"/> as another tool wrote it (deleted on dispose).</summary>
    public OciLayout(string? existingRoot = null)
    {
        if (existingRoot is not null)
        {
            Root = existingRoot;
            return;
        }

        Root = Path.Combine(Path.GetTempPath(), "berth-oci-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Root, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(Root, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        WriteIndexFile();
    }

    public string Root { get; }

    public int Opens => Volatile.Read(ref _opens);

    public Task<Stream?> OpenAsync(Digest digest, CancellationToken ct)
    {
        var path = Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);
        if (!File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        Interlocked.Increment(ref _opens);
        return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true));
    }

    public JsonObject AddBlob(byte[] content, string mediaType)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(Root, "blobs", "sha256", digest[7..]), content);
        return new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = content.Length };
    }

    /// <summary>Writes layers, config and manifest; returns the manifest bytes and its digest.</summary>
    public (byte[] Manifest, string Digest) AddImage(
        IEnumerable<LayerBuilder> layers, LayerCompression compression, string os = "linux", string architecture = "amd64", string? variant = null,
        string? tag = null) => AddImage(layers.Select(l => (l, compression)), os, architecture, variant, tag);

    public (byte[] Manifest, string Digest) AddImage(
        IEnumerable<(LayerBuilder Layer, LayerCompression Compression)> layers, string os = "linux", string architecture = "amd64",
        string? variant = null, string? tag = null)
    {
        var descriptors = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (layer, compression) in layers)
        {
            var tar = layer.BuildTar();
            diffIds.Add("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
            descriptors.Add(AddBlob(LayerBuilder.Compress(tar, compression), LayerBuilder.MediaType(compression)));
        }

        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = os,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        if (variant is not null)
        {
            config["variant"] = variant;
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = AddBlob(Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json"),
            ["layers"] = descriptors,
        };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var descriptor = AddBlob(bytes, MediaTypes.OciManifest);
        if (tag is not null)
        {
            descriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
            _indexEntries.Add(descriptor);
            WriteIndexFile();
        }

        return (bytes, descriptor["digest"]!.GetValue<string>());
    }

    /// <summary>An image index over platform manifests (plus a BuildKit-style attestation entry when asked).</summary>
    public byte[] AddIndex(IEnumerable<(byte[] Manifest, string Digest, string Os, string Architecture, string? Variant)> children, bool withAttestation = false)
    {
        var manifests = new JsonArray();
        foreach (var (manifest, digest, os, arch, variant) in children)
        {
            var platform = new JsonObject { ["architecture"] = arch, ["os"] = os };
            if (variant is not null)
            {
                platform["variant"] = variant;
            }

            manifests.Add(new JsonObject
            {
                ["mediaType"] = MediaTypes.OciManifest, ["digest"] = digest, ["size"] = manifest.Length, ["platform"] = platform,
            });
        }

        if (withAttestation)
        {
            var attestation = AddBlob("{}"u8.ToArray(), MediaTypes.OciManifest);
            attestation["platform"] = new JsonObject { ["architecture"] = "unknown", ["os"] = "unknown" };
            manifests.Add(attestation);
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = manifests };
        var bytes = Encoding.UTF8.GetBytes(index.ToJsonString());
        _indexEntries.Add(AddBlob(bytes, MediaTypes.OciIndex));
        WriteIndexFile();
        return bytes;
    }

    /// <summary>Reads a blob back (e.g. a child manifest listed by an index).</summary>
    public byte[] ReadBlob(Digest digest) => File.ReadAllBytes(Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WriteIndexFile()
    {
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray([.. _indexEntries.Select(e => (JsonNode)JsonNode.Parse(e.ToJsonString())!)]),
        };
        File.WriteAllText(Path.Combine(Root, "index.json"), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
