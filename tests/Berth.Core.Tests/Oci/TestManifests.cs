using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Oci;

namespace Berth.Core.Tests.Oci;

/// <summary>Valid manifests as mutable JSON, so each test changes exactly the property it is about.</summary>
internal static class TestManifests
{
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public const string OciNondistributableLayer = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string ArtifactType = "application/vnd.example.sbom.v1";

    public static readonly Digest Config = Digest.Compute("config"u8);
    public static readonly Digest Layer = Digest.Compute("layer"u8);
    public static readonly Digest Layer2 = Digest.Compute("layer2"u8);
    public static readonly Digest Child = Digest.Compute("child manifest"u8);
    public static readonly Digest Subject = Digest.Compute("subject manifest"u8);

    public static JsonObject Descriptor(string mediaType, Digest digest, long size = 10) =>
        new() { ["mediaType"] = mediaType, ["digest"] = digest.ToString(), ["size"] = size };

    public static JsonObject OciImage() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.OciManifest,
        ["config"] = Descriptor(OciConfig, Config),
        ["layers"] = new JsonArray(Descriptor(OciLayer, Layer), Descriptor(OciLayer, Layer2)),
    };

    public static JsonObject DockerImage() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.DockerManifest,
        ["config"] = Descriptor(DockerConfig, Config),
        ["layers"] = new JsonArray(Descriptor(DockerLayer, Layer)),
    };

    public static JsonObject OciIndex() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.OciIndex,
        ["manifests"] = new JsonArray(Descriptor(MediaTypes.OciManifest, Child)),
    };

    public static JsonObject DockerList() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.DockerManifestList,
        ["manifests"] = new JsonArray(Descriptor(MediaTypes.DockerManifest, Child)),
    };

    /// <summary>An OCI 1.1 artifact: artifactType, the empty config, no layers, and a subject.</summary>
    public static JsonObject Artifact() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.OciManifest,
        ["artifactType"] = ArtifactType,
        ["config"] = Descriptor(MediaTypes.OciEmpty, Digest.Compute("{}"u8), 2),
        ["layers"] = new JsonArray(),
        ["subject"] = Descriptor(MediaTypes.OciManifest, Subject, 1234),
    };

    public static JsonObject Of(string kind) => kind switch
    {
        "oci-image" => OciImage(),
        "docker-image" => DockerImage(),
        "oci-index" => OciIndex(),
        "docker-list" => DockerList(),
        "artifact" => Artifact(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static JsonObject With(this JsonObject o, string key, JsonNode? value)
    {
        o[key] = value;
        return o;
    }

    public static JsonObject Without(this JsonObject o, string key)
    {
        o.Remove(key);
        return o;
    }

    /// <summary>Sets a property of the first descriptor under <paramref name="array"/> (or of the object itself).</summary>
    public static JsonObject WithInDescriptor(this JsonObject o, string array, string key, JsonNode? value)
    {
        var target = o[array] is JsonArray a ? a[0]!.AsObject() : o[array]!.AsObject();
        target[key] = value;
        return o;
    }

    public static JsonObject WithoutInDescriptor(this JsonObject o, string array, string key)
    {
        var target = o[array] is JsonArray a ? a[0]!.AsObject() : o[array]!.AsObject();
        target.Remove(key);
        return o;
    }

    public static byte[] Bytes(this JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
