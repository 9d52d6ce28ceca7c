using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Berth.Integration.Tests.Infrastructure;
using Berth.Interop.Tests.Infrastructure;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>
/// skopeo pushes images the tests wrote byte by byte into Berth and pulls them back out: with
/// <c>--preserve-digests</c> nothing may be re-encoded, so every manifest and blob must come back identical.
/// </summary>
public sealed class SkopeoCopyTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    [Fact]
    public async Task Multi_layer_image_round_trips_byte_for_byte()
    {
        var source = OciLayout.Create(fixture.NewDirectory("src"));
        // One layer above the size a client would send in one small write, so streamed uploads are exercised.
        var manifest = TestImages.WriteImage(source, [Layers.RandomTar(3, 64 * 1024), Layers.RandomTar(1, 4 * 1024 * 1024), Layers.RandomTar(5, 1024)]);
        source.Tag(manifest, "v1");
        var repo = OciClient.NewRepo("skopeo");

        (await fixture.SkopeoAsync("copy", "--preserve-digests", "--dest-tls-verify=false", $"oci:{source.Directory}:v1", fixture.DockerRef(repo, "v1"))).EnsureSuccess();
        await AssertServedAsync(repo, "v1", manifest, source.ReadBlob(manifest.Digest));

        var pulled = await PullAsync(repo, "v1", all: false);
        Assert.Equal(manifest, pulled.Resolve("v1"));
        AssertSameBlobs(source, pulled);
    }

    [Fact]
    public async Task Multi_architecture_index_round_trips_with_every_child()
    {
        var source = OciLayout.Create(fixture.NewDirectory("src"));
        // A base layer shared by all platforms: the registry must store and serve it once, under one digest.
        var shared = Layers.RandomTar(2, 32 * 1024);
        (string Arch, string? Variant)[] platforms = [("amd64", null), ("arm64", "v8"), ("arm", "v7")];
        var children = platforms
            .Select(p => (TestImages.WriteImage(source, [shared, Layers.RandomTar(2, 16 * 1024)], p.Arch, p.Variant), p.Arch, p.Variant))
            .ToList();
        var index = TestImages.WriteIndex(source, children);
        source.Tag(index, "multi");
        var repo = OciClient.NewRepo("skopeo");

        (await fixture.SkopeoAsync("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", $"oci:{source.Directory}:multi", fixture.DockerRef(repo, "multi"))).EnsureSuccess();
        await AssertServedAsync(repo, "multi", index, source.ReadBlob(index.Digest));
        foreach (var (child, _, _) in children)
        {
            await AssertServedAsync(repo, child.Digest, child, source.ReadBlob(child.Digest));
        }

        var pulled = await PullAsync(repo, "multi", all: true);
        Assert.Equal(index, pulled.Resolve("multi"));
        AssertSameBlobs(source, pulled);
    }

    [Fact]
    public async Task Copy_between_repositories_inside_berth_keeps_every_digest()
    {
        var source = OciLayout.Create(fixture.NewDirectory("src"));
        var manifest = TestImages.WriteImage(source, [Layers.RandomTar(2, 8 * 1024), Layers.RandomTar(2, 8 * 1024)]);
        source.Tag(manifest, "v1");
        var first = OciClient.NewRepo("skopeo");
        var second = OciClient.NewRepo("skopeo");
        (await fixture.SkopeoAsync("copy", "--preserve-digests", "--dest-tls-verify=false", $"oci:{source.Directory}:v1", fixture.DockerRef(first, "v1"))).EnsureSuccess();

        // skopeo knows the blobs already live in `first`, so it asks Berth to mount them into `second`.
        (await fixture.SkopeoAsync("copy", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
            fixture.DockerRef(first, "v1"), fixture.DockerRef(second, "copied"))).EnsureSuccess();

        await AssertServedAsync(second, "copied", manifest, source.ReadBlob(manifest.Digest));
        AssertSameBlobs(source, await PullAsync(second, "copied", all: false));
    }

    [Fact]
    public async Task Conversion_to_docker_schema2_is_stored_and_served_under_the_docker_media_type()
    {
        var source = OciLayout.Create(fixture.NewDirectory("src"));
        var manifest = TestImages.WriteImage(source, [Layers.RandomTar(2, 8 * 1024)]);
        source.Tag(manifest, "v1");
        var repo = OciClient.NewRepo("skopeo");

        // Most images in the wild are Docker schema 2; skopeo rewrites the manifest but keeps the gzip layers.
        (await fixture.SkopeoAsync("copy", "--format", "v2s2", "--dest-tls-verify=false", $"oci:{source.Directory}:v1", fixture.DockerRef(repo, "v1"))).EnsureSuccess();
        var raw = (await fixture.SkopeoAsync("inspect", "--raw", "--tls-verify=false", fixture.DockerRef(repo, "v1"))).EnsureSuccess().StdOutBytes;
        var docker = new Descriptor(DockerManifest, OciLayout.Digest(raw), raw.Length);
        await AssertServedAsync(repo, "v1", docker, raw);

        var json = JsonNode.Parse(raw)!;
        Assert.Equal(DockerManifest, json["mediaType"]!.GetValue<string>());
        var expectedLayers = source.ReadJson(manifest.Digest)["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>());
        Assert.Equal(expectedLayers, json["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()));
    }

    private async Task<OciLayout> PullAsync(string repo, string tag, bool all)
    {
        var target = fixture.NewDirectory("pulled");
        string[] options = all ? ["--all", "--preserve-digests"] : ["--preserve-digests"];
        (await fixture.SkopeoAsync(["copy", .. options, "--src-tls-verify=false", fixture.DockerRef(repo, tag), $"oci:{target}:{tag}"])).EnsureSuccess();
        return OciLayout.Open(target);
    }

    /// <summary>Berth's own API serves <paramref name="reference"/> as exactly the bytes skopeo pushed.</summary>
    private async Task AssertServedAsync(string repo, string reference, Descriptor expected, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciLayout.ImageIndex));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciLayout.ImageManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(DockerManifest));
        using var response = await fixture.Oci.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.MediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected.Digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        var json = JsonNode.Parse(bytes)!;
        var blobs = json["layers"]?.AsArray().Append(json["config"]) ?? [];
        foreach (var blob in blobs)
        {
            using var head = await fixture.Oci.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{blob!["digest"]}"));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(blob["size"]!.GetValue<long>(), head.Content.Headers.ContentLength);
        }
    }

    private static void AssertSameBlobs(OciLayout expected, OciLayout actual)
    {
        var want = expected.AllBlobs();
        var got = actual.AllBlobs();
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
        foreach (var (digest, bytes) in want)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(got[digest]), $"blob {digest} came back with different bytes");
            Assert.Equal(digest, OciLayout.Digest(got[digest]));
        }
    }
}
