using System.Net;
using System.Text.Json.Nodes;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>Well-formed OCI images written into an <see cref="OciLayout"/>: real config with diff_ids, gzip layers.</summary>
public static class TestImages
{
    /// <summary>Writes config, gzipped layers and manifest for one platform; returns the manifest descriptor.</summary>
    public static Descriptor WriteImage(OciLayout layout, IEnumerable<byte[]> layerTars, string architecture = "amd64", string? variant = null, string[]? cmd = null)
    {
        var diffIds = new JsonArray();
        var layers = new JsonArray();
        foreach (var tar in layerTars)
        {
            diffIds.Add(OciLayout.Digest(tar));
            layers.Add(layout.AddBlob(Layers.Gzip(tar), OciLayout.LayerTarGzip).ToJson());
        }

        var config = new JsonObject
        {
            ["created"] = "2024-01-01T00:00:00Z",
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/bin"),
                ["Cmd"] = cmd is null ? null : new JsonArray([.. cmd.Select(c => JsonValue.Create(c))]),
                ["Labels"] = new JsonObject { ["berth.test.nonce"] = Guid.NewGuid().ToString("N") },
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        if (variant is not null)
        {
            config["variant"] = variant;
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciLayout.ImageManifest,
            ["config"] = layout.AddJson(config, OciLayout.ImageConfig).ToJson(),
            ["layers"] = layers,
            ["annotations"] = new JsonObject { ["org.opencontainers.image.title"] = "berth interop" },
        };
        return layout.AddJson(manifest, OciLayout.ImageManifest);
    }

    /// <summary>Writes an image index over per-platform manifests; returns its descriptor.</summary>
    public static Descriptor WriteIndex(OciLayout layout, IEnumerable<(Descriptor Manifest, string Architecture, string? Variant)> platforms)
    {
        var manifests = new JsonArray();
        foreach (var (manifest, arch, variant) in platforms)
        {
            var platform = new JsonObject { ["architecture"] = arch, ["os"] = "linux" };
            if (variant is not null)
            {
                platform["variant"] = variant;
            }

            manifests.Add(manifest.ToJson(platform));
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciLayout.ImageIndex, ["manifests"] = manifests };
        return layout.AddJson(index, OciLayout.ImageIndex);
    }

    /// <summary>Pushes one image manifest from a layout through Berth's HTTP API (blobs first, then the manifest).</summary>
    public static async Task PushAsync(OciClient oci, OciLayout layout, Descriptor manifest, string repo, string tag)
    {
        var json = layout.ReadJson(manifest.Digest);
        var blobs = json["layers"]!.AsArray().Append(json["config"]).Select(d => d!["digest"]!.GetValue<string>());
        foreach (var digest in blobs)
        {
            Assert.Equal(digest, await oci.PushBlobAsync(repo, layout.ReadBlob(digest)));
        }

        using var response = await oci.PutManifestAsync(repo, tag, layout.ReadBlob(manifest.Digest), manifest.MediaType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
