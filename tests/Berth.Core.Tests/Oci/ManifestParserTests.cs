using System.Text.Json.Nodes;
using Berth.Core.Oci;
using static Berth.Core.Tests.Oci.TestManifests;

namespace Berth.Core.Tests.Oci;

public sealed class ManifestParserTests
{
    [Theory]
    [InlineData("oci-image", MediaTypes.OciManifest, 2, 0)]
    [InlineData("docker-image", MediaTypes.DockerManifest, 1, 0)]
    [InlineData("oci-index", MediaTypes.OciIndex, 0, 1)]
    [InlineData("docker-list", MediaTypes.DockerManifestList, 0, 1)]
    [InlineData("artifact", MediaTypes.OciManifest, 0, 0)]
    public void Accepts_every_manifest_media_type_with_and_without_Content_Type(string kind, string mediaType, int layers, int manifests)
    {
        foreach (var contentType in new[] { mediaType, null, "application/json", "application/octet-stream" })
        {
            var parsed = ManifestParser.Parse(Of(kind).Bytes(), contentType);

            Assert.Equal(mediaType, parsed.MediaType);
            Assert.Equal(MediaTypes.IsIndex(mediaType), parsed.IsIndex);
            Assert.Equal(layers, parsed.Layers.Count);
            Assert.Equal(manifests, parsed.Manifests.Count);
            Assert.Equal(parsed.IsIndex, parsed.Config is null);
        }
    }

    [Fact]
    public void Image_manifest_keeps_config_and_layers_in_order()
    {
        var parsed = ManifestParser.Parse(OciImage().Bytes(), MediaTypes.OciManifest);

        Assert.Equal(new Descriptor(OciConfig, Config, 10), parsed.Config);
        Assert.Equal([Layer, Layer2], parsed.Layers.Select(l => l.Digest));
        Assert.Equal([Config, Layer, Layer2], parsed.RequiredBlobs.Select(d => d.Digest));
        Assert.Empty(parsed.Manifests);
        Assert.Null(parsed.Subject);
        Assert.Null(parsed.AnnotationsJson);
    }

    [Fact]
    public void Index_lists_its_manifests_and_requires_no_blobs()
    {
        var parsed = ManifestParser.Parse(OciIndex().Bytes(), MediaTypes.OciIndex);

        Assert.Equal([Child], parsed.Manifests.Select(m => m.Digest));
        Assert.Equal(MediaTypes.OciManifest, parsed.Manifests[0].MediaType);
        Assert.Empty(parsed.RequiredBlobs);
        Assert.Null(parsed.EffectiveArtifactType);
    }

    [Theory]
    [InlineData("oci-image", MediaTypes.OciManifest)]
    [InlineData("oci-index", MediaTypes.OciIndex)]
    public void Media_type_is_inferred_from_the_body_when_neither_header_nor_body_declares_it(string kind, string expected)
    {
        var body = Of(kind).Without("mediaType").Bytes();

        Assert.Equal(expected, ManifestParser.Parse(body, null).MediaType);
        Assert.Equal(expected, ManifestParser.Parse(body, "application/json").MediaType);
        Assert.Equal(expected, ManifestParser.Parse(body, "").MediaType);
    }

    [Theory]
    [InlineData("oci-image", MediaTypes.OciManifest)]
    [InlineData("oci-index", MediaTypes.OciIndex)]
    public void Content_Type_supplies_the_media_type_when_the_body_omits_it(string kind, string mediaType) =>
        Assert.Equal(mediaType, ManifestParser.Parse(Of(kind).Without("mediaType").Bytes(), mediaType).MediaType);

    [Theory]
    [InlineData("application/vnd.oci.image.manifest.v1+json; charset=utf-8")]
    [InlineData("Application/VND.OCI.Image.Manifest.v1+JSON")]
    [InlineData("  application/vnd.oci.image.manifest.v1+json  ")]
    public void Content_Type_parameters_case_and_whitespace_are_ignored(string contentType) =>
        Assert.Equal(MediaTypes.OciManifest, ManifestParser.Parse(OciImage().Bytes(), contentType).MediaType);

    [Fact]
    public void Artifact_reports_its_artifactType_subject_and_only_the_config_as_required()
    {
        var parsed = ManifestParser.Parse(Artifact().Bytes(), MediaTypes.OciManifest);

        Assert.Equal(ArtifactType, parsed.ArtifactType);
        Assert.Equal(ArtifactType, parsed.EffectiveArtifactType);
        Assert.Equal(new Descriptor(MediaTypes.OciManifest, Subject, 1234), parsed.Subject);
        Assert.Empty(parsed.Layers);
        Assert.Equal([MediaTypes.OciEmpty], parsed.RequiredBlobs.Select(d => d.MediaType));
    }

    [Fact]
    public void EffectiveArtifactType_falls_back_to_the_config_media_type()
    {
        var parsed = ManifestParser.Parse(Artifact().Without("artifactType").Bytes(), null);

        Assert.Null(parsed.ArtifactType);
        Assert.Equal(MediaTypes.OciEmpty, parsed.EffectiveArtifactType);
        Assert.Equal(OciConfig, ManifestParser.Parse(OciImage().Bytes(), null).EffectiveArtifactType);
    }

    [Fact]
    public void Index_may_carry_artifactType_subject_and_annotations()
    {
        var index = OciIndex()
            .With("artifactType", ArtifactType)
            .With("subject", Descriptor(MediaTypes.OciManifest, Subject))
            .With("annotations", new JsonObject { ["org.example"] = "x" });

        var parsed = ManifestParser.Parse(index.Bytes(), MediaTypes.OciIndex);

        Assert.Equal(ArtifactType, parsed.EffectiveArtifactType);
        Assert.Equal(Subject, parsed.Subject!.Digest);
        Assert.Equal("""{"org.example":"x"}""", parsed.AnnotationsJson);
    }

    [Fact]
    public void Annotations_are_kept_as_raw_json_and_descriptor_annotations_and_artifactType_are_allowed()
    {
        var annotations = new JsonObject { ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z", ["b"] = "" };
        var image = OciImage()
            .With("annotations", annotations)
            .WithInDescriptor("layers", "annotations", new JsonObject { ["org.opencontainers.image.title"] = "a.txt" })
            .WithInDescriptor("layers", "artifactType", ArtifactType);

        var parsed = ManifestParser.Parse(image.Bytes(), null);

        Assert.Equal(annotations.ToJsonString(), parsed.AnnotationsJson);
        Assert.Equal(ArtifactType, parsed.Layers[0].ArtifactType);
    }

    [Theory]
    [InlineData(DockerForeignLayer, true, false)]
    [InlineData(OciNondistributableLayer, true, false)]
    [InlineData(DockerForeignLayer, false, true)]
    [InlineData(OciLayer, true, true)]
    [InlineData(OciLayer, false, true)]
    public void Foreign_layers_with_urls_are_not_required_blobs(string layerType, bool withUrls, bool required)
    {
        var image = OciImage().WithInDescriptor("layers", "mediaType", layerType);
        if (withUrls)
        {
            image.WithInDescriptor("layers", "urls", new JsonArray("https://example.com/layer.tar.gz"));
        }

        var parsed = ManifestParser.Parse(image.Bytes(), null);

        Assert.Equal(2, parsed.Layers.Count);
        Assert.Equal(!required, parsed.Layers[0].IsForeign);
        Assert.Equal(required, parsed.RequiredBlobs.Any(d => d.Digest == Layer));
        Assert.Contains(parsed.RequiredBlobs, d => d.Digest == Layer2);
        Assert.Contains(parsed.RequiredBlobs, d => d.Digest == Config);
    }

    [Fact]
    public void Empty_urls_do_not_make_a_layer_foreign()
    {
        var image = OciImage()
            .WithInDescriptor("layers", "mediaType", DockerForeignLayer)
            .WithInDescriptor("layers", "urls", new JsonArray());

        Assert.Contains(ManifestParser.Parse(image.Bytes(), null).RequiredBlobs, d => d.Digest == Layer);
    }

    [Fact]
    public void Unknown_fields_and_nesting_under_the_depth_limit_are_accepted()
    {
        JsonNode deep = "leaf";
        for (var i = 0; i < 50; i++)
        {
            deep = new JsonArray(deep);
        }

        var parsed = ManifestParser.Parse(OciImage().With("x-extension", deep).Bytes(), null);

        Assert.Equal(MediaTypes.OciManifest, parsed.MediaType);
    }

    [Fact]
    public void Null_mediaType_and_artifactType_count_as_absent()
    {
        var image = OciImage().With("mediaType", null).With("artifactType", null);

        var parsed = ManifestParser.Parse(image.Bytes(), null);

        Assert.Equal(MediaTypes.OciManifest, parsed.MediaType);
        Assert.Null(parsed.ArtifactType);
    }
}
