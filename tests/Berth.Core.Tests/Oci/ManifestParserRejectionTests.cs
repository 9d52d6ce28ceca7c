using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Core.Oci;
using static Berth.Core.Tests.Oci.TestManifests;

namespace Berth.Core.Tests.Oci;

public sealed class ManifestParserRejectionTests
{
    private const string Schema1 = "application/vnd.docker.distribution.manifest.v1+json";
    private const string Schema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    private static readonly Dictionary<string, (Func<byte[]> Body, string? ContentType)> Cases = new()
    {
        ["empty body"] = (() => [], null),
        ["truncated json"] = (() => "{\"schemaVersion\":2"u8.ToArray(), null),
        ["not json"] = (() => "schemaVersion: 2"u8.ToArray(), MediaTypes.OciManifest),
        ["trailing garbage"] = (() => Text(OciImage().ToJsonString() + " x"), null),
        ["two json values"] = (() => Text(OciImage().ToJsonString() + OciImage().ToJsonString()), MediaTypes.OciManifest),
        ["array root"] = (() => Text($"[{OciImage().ToJsonString()}]"), null),
        ["string root"] = (() => "\"manifest\""u8.ToArray(), null),
        ["null root"] = (() => "null"u8.ToArray(), MediaTypes.OciManifest),
        ["nesting beyond 64"] = (() => Text("{\"schemaVersion\":2,\"x\":" + new string('[', 100) + new string(']', 100) + "}"), null),
        ["schemaVersion missing"] = (() => OciImage().Without("schemaVersion").Bytes(), null),
        ["schemaVersion 1"] = (() => OciImage().With("schemaVersion", 1).Bytes(), null),
        ["schemaVersion 3"] = (() => OciImage().With("schemaVersion", 3).Bytes(), null),
        ["schemaVersion string"] = (() => OciImage().With("schemaVersion", "2").Bytes(), null),
        ["schemaVersion fraction"] = (() => OciImage().With("schemaVersion", 2.5).Bytes(), null),
        ["Content-Type vs mediaType"] = (() => OciImage().Bytes(), MediaTypes.OciIndex),
        ["Content-Type docker vs oci body"] = (() => OciImage().Bytes(), MediaTypes.DockerManifest),
        ["Content-Type not a manifest type"] = (() => OciImage().Bytes(), "text/plain"),
        ["body mediaType unknown"] = (() => OciImage().With("mediaType", "application/vnd.example+json").Bytes(), null),
        ["body mediaType not a string"] = (() => OciImage().With("mediaType", 5).Bytes(), null),
        ["cannot infer the type"] = (() => Text("{\"schemaVersion\":2}"), null),
        ["docker manifest without mediaType"] = (() => DockerImage().Without("mediaType").Bytes(), MediaTypes.DockerManifest),
        ["docker list without mediaType"] = (() => DockerList().Without("mediaType").Bytes(), MediaTypes.DockerManifestList),
        ["config missing"] = (() => OciImage().Without("config").Bytes(), MediaTypes.OciManifest),
        ["config not an object"] = (() => OciImage().With("config", "sha256:x").Bytes(), null),
        ["config null"] = (() => OciImage().With("config", null).Bytes(), null),
        ["image with manifests"] = (() => OciImage().With("manifests", new JsonArray()).Bytes(), MediaTypes.OciManifest),
        ["oci layers missing"] = (() => OciImage().Without("layers").Bytes(), null),
        ["docker layers missing"] = (() => DockerImage().Without("layers").Bytes(), null),
        ["layers not an array"] = (() => OciImage().With("layers", new JsonObject()).Bytes(), null),
        ["layer not an object"] = (() => OciImage().With("layers", new JsonArray("sha256:x")).Bytes(), null),
        ["digest missing"] = (() => OciImage().WithoutInDescriptor("layers", "digest").Bytes(), null),
        ["digest uppercase"] = (() => OciImage().WithInDescriptor("layers", "digest", Layer.ToString().ToUpperInvariant()).Bytes(), null),
        ["digest unknown algorithm"] = (() => OciImage().WithInDescriptor("config", "digest", "md5:" + new string('a', 32)).Bytes(), null),
        ["digest short"] = (() => OciImage().WithInDescriptor("config", "digest", Config.ToString()[..^1]).Bytes(), null),
        ["digest traversal"] = (() => OciImage().WithInDescriptor("layers", "digest", "sha256:../../../etc/passwd").Bytes(), null),
        ["digest not a string"] = (() => OciImage().WithInDescriptor("layers", "digest", 1).Bytes(), null),
        ["size missing"] = (() => OciImage().WithoutInDescriptor("config", "size").Bytes(), null),
        ["size negative"] = (() => OciImage().WithInDescriptor("layers", "size", -1).Bytes(), null),
        ["size string"] = (() => OciImage().WithInDescriptor("layers", "size", "10").Bytes(), null),
        ["size fraction"] = (() => OciImage().WithInDescriptor("layers", "size", 1.5).Bytes(), null),
        ["size beyond int64"] = (() => Text(OciImage().ToJsonString().Replace("\"size\":10", "\"size\":9223372036854775808", StringComparison.Ordinal)), null),
        ["descriptor mediaType missing"] = (() => OciImage().WithoutInDescriptor("config", "mediaType").Bytes(), null),
        ["descriptor mediaType empty"] = (() => OciImage().WithInDescriptor("layers", "mediaType", "").Bytes(), null),
        ["descriptor mediaType malformed"] = (() => OciImage().WithInDescriptor("layers", "mediaType", "tar.gz").Bytes(), null),
        ["descriptor mediaType with spaces"] = (() => OciImage().WithInDescriptor("layers", "mediaType", "application/x tar").Bytes(), null),
        ["descriptor mediaType number"] = (() => OciImage().WithInDescriptor("layers", "mediaType", 1).Bytes(), null),
        ["descriptor annotations not strings"] = (() => OciImage().WithInDescriptor("layers", "annotations", new JsonObject { ["n"] = 1 }).Bytes(), null),
        ["index missing manifests"] = (() => OciIndex().Without("manifests").Bytes(), MediaTypes.OciIndex),
        ["index manifests not an array"] = (() => OciIndex().With("manifests", new JsonObject()).Bytes(), null),
        ["index with layers"] = (() => OciIndex().With("layers", new JsonArray()).Bytes(), null),
        ["index with config"] = (() => OciIndex().With("config", Descriptor(OciConfig, Config)).Bytes(), null),
        ["docker list with layers"] = (() => DockerList().With("layers", new JsonArray()).Bytes(), null),
        ["index entry bad digest"] = (() => OciIndex().WithInDescriptor("manifests", "digest", "sha256:nope").Bytes(), null),
        ["annotations an array"] = (() => OciImage().With("annotations", new JsonArray("a")).Bytes(), null),
        ["annotation a number"] = (() => OciImage().With("annotations", new JsonObject { ["a"] = "x", ["n"] = 1 }).Bytes(), null),
        ["annotation null"] = (() => OciImage().With("annotations", new JsonObject { ["a"] = null }).Bytes(), null),
        ["annotation an object"] = (() => OciImage().With("annotations", new JsonObject { ["a"] = new JsonObject() }).Bytes(), null),
        ["index annotation a bool"] = (() => OciIndex().With("annotations", new JsonObject { ["a"] = true }).Bytes(), null),
        ["artifactType on docker manifest"] = (() => DockerImage().With("artifactType", ArtifactType).Bytes(), null),
        ["artifactType not a string"] = (() => Artifact().With("artifactType", 1).Bytes(), null),
        ["artifactType malformed"] = (() => Artifact().With("artifactType", "sbom").Bytes(), null),
        ["subject not an object"] = (() => Artifact().With("subject", Subject.ToString()).Bytes(), null),
        ["subject bad digest"] = (() => Artifact().WithInDescriptor("subject", "digest", "sha256:x").Bytes(), null),
        ["subject without size"] = (() => Artifact().WithoutInDescriptor("subject", "size").Bytes(), null),
    };

    public static TheoryData<string> InvalidCases => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_manifests_are_MANIFEST_INVALID(string name)
    {
        var (body, contentType) = Cases[name];

        var e = Assert.Throws<OciException>(() => ManifestParser.Parse(body(), contentType));

        Assert.Same(ErrorCodes.ManifestInvalid, e.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(e.Error.Message));
    }

    [Theory]
    [InlineData(Schema1, false)]
    [InlineData(Schema1Signed, false)]
    [InlineData(Schema1 + "; charset=utf-8", false)]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    public void Docker_schema_1_is_UNSUPPORTED_whether_named_by_Content_Type_or_body(string? contentType, bool declareInBody)
    {
        var body = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["name"] = "library/hello",
            ["tag"] = "latest",
            ["fsLayers"] = new JsonArray(new JsonObject { ["blobSum"] = Layer.ToString() }),
        };
        if (declareInBody)
        {
            body["mediaType"] = Schema1;
        }

        var e = Assert.Throws<OciException>(() => ManifestParser.Parse(body.Bytes(), contentType));

        Assert.Same(ErrorCodes.Unsupported, e.Error.Code);
    }

    [Fact]
    public void Every_case_starts_from_a_manifest_that_is_valid()
    {
        foreach (var kind in new[] { "oci-image", "docker-image", "oci-index", "docker-list", "artifact" })
        {
            Assert.NotNull(ManifestParser.Parse(Of(kind).Bytes(), null));
        }
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
}
