using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>An OCI content descriptor as it appears in manifests and index.json.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    public JsonObject ToJson(JsonObject? platform = null)
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        if (platform is not null)
        {
            json["platform"] = platform;
        }

        return json;
    }
}

/// <summary>
/// An OCI image layout directory (oci-layout, index.json, blobs/sha256/…) — the format skopeo reads and
/// writes with the <c>oci:</c> transport. Written by the tests so every byte pushed is known in advance.
/// </summary>
public sealed class OciLayout
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    private const string RefName = "org.opencontainers.image.ref.name";

    private readonly List<JsonObject> _tagged = [];

    private OciLayout(string directory) => Directory = directory;

    public string Directory { get; }

    private string BlobDirectory => Path.Combine(Directory, "blobs", "sha256");

    /// <summary>Creates an empty layout; <see cref="Tag"/> writes index.json.</summary>
    public static OciLayout Create(string directory)
    {
        var layout = new OciLayout(directory);
        System.IO.Directory.CreateDirectory(layout.BlobDirectory);
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        layout.WriteIndex();
        return layout;
    }

    /// <summary>Opens a layout some tool wrote.</summary>
    public static OciLayout Open(string directory)
    {
        Assert.True(File.Exists(Path.Combine(directory, "oci-layout")), $"{directory} is not an OCI layout");
        return new OciLayout(directory);
    }

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public Descriptor AddBlob(byte[] content, string mediaType)
    {
        var digest = Digest(content);
        File.WriteAllBytes(Path.Combine(BlobDirectory, digest["sha256:".Length..]), content);
        return new Descriptor(mediaType, digest, content.Length);
    }

    public Descriptor AddJson(JsonNode json, string mediaType) => AddBlob(JsonSerializer.SerializeToUtf8Bytes(json), mediaType);

    /// <summary>Names <paramref name="manifest"/> <paramref name="tag"/> in index.json, as skopeo's <c>oci:DIR:tag</c> expects.</summary>
    public void Tag(Descriptor manifest, string tag)
    {
        var entry = manifest.ToJson();
        entry["annotations"] = new JsonObject { [RefName] = tag };
        _tagged.Add(entry);
        WriteIndex();
    }

    public byte[] ReadBlob(string digest) => File.ReadAllBytes(Path.Combine(BlobDirectory, digest["sha256:".Length..]));

    public JsonNode ReadJson(string digest) => JsonNode.Parse(ReadBlob(digest))!;

    /// <summary>Every blob file, keyed by digest (manifests and indexes included: the layout does not separate them).</summary>
    public IReadOnlyDictionary<string, byte[]> AllBlobs() =>
        System.IO.Directory.GetFiles(BlobDirectory).ToDictionary(f => "sha256:" + Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>The descriptor index.json records for <paramref name="tag"/>; fails the test if there is none.</summary>
    public Descriptor Resolve(string tag)
    {
        var index = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Directory, "index.json")))!;
        var entry = index["manifests"]!.AsArray()
            .SingleOrDefault(m => m!["annotations"]?[RefName]?.GetValue<string>() == tag);
        Assert.True(entry is not null, $"tag {tag} is not in {Directory}/index.json: {index.ToJsonString()}");
        return new Descriptor(entry!["mediaType"]!.GetValue<string>(), entry["digest"]!.GetValue<string>(), entry["size"]!.GetValue<long>());
    }

    private void WriteIndex()
    {
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageIndex,
            ["manifests"] = new JsonArray([.. _tagged.Select(t => t.DeepClone())]),
        };
        File.WriteAllBytes(Path.Combine(Directory, "index.json"), JsonSerializer.SerializeToUtf8Bytes(index));
    }
}
