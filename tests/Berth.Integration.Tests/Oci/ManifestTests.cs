using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oci;

public sealed class ManifestTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Push_by_tag_then_get_by_tag_and_digest_returns_identical_bytes()
    {
        var repo = OciClient.NewRepo();
        var (manifest, digest) = await _oci.PushImageAsync(repo, "v1");
        foreach (var reference in new[] { "v1", digest })
        {
            using var response = await _oci.Http.GetAsync($"/v2/{repo}/manifests/{reference}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(OciManifest, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
        }

        using var head = await _oci.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/manifests/v1"));
        Assert.Equal(manifest.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Push_by_digest_verifies_the_digest()
    {
        var repo = OciClient.NewRepo();
        var (manifest, digest) = await _oci.PushImageAsync(repo, "base");
        using var ok = await _oci.PutManifestAsync(repo, digest, manifest, OciManifest);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal($"/v2/{repo}/manifests/{digest}", ok.Headers.Location!.ToString());

        using var bad = await _oci.PutManifestAsync(repo, OciClient.Digest([1, 2, 3]), manifest, OciManifest);
        await OciClient.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Manifest_with_missing_blob_is_rejected_and_nothing_changes()
    {
        var repo = OciClient.NewRepo();
        var (original, _) = await _oci.PushImageAsync(repo, "stable");
        var missing = OciClient.ImageManifest(
            new { mediaType = "application/vnd.oci.image.config.v1+json", digest = OciClient.Digest([7]), size = 1 }, []);
        using var response = await _oci.PutManifestAsync(repo, "stable", missing, OciManifest);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal(original, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/manifests/stable"));
    }

    [Fact]
    public async Task Layer_size_mismatch_is_manifest_invalid()
    {
        var repo = OciClient.NewRepo();
        var layer = OciClient.RandomBytes(100);
        var d = await _oci.PushBlobAsync(repo, layer);
        var manifest = OciClient.ImageManifest(new { mediaType = "application/vnd.oci.image.config.v1+json", digest = d, size = 999 }, []);
        using var response = await _oci.PutManifestAsync(repo, "x", manifest, OciManifest);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Theory]
    [InlineData("not json", OciManifest)]
    [InlineData("[]", OciManifest)]
    [InlineData("{\"schemaVersion\":1}", OciManifest)]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}", OciManifest)]
    [InlineData("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:zz\",\"size\":1},\"layers\":[]}", OciManifest)]
    [InlineData("{\"schemaVersion\":2,\"manifests\":{}}", OciIndex)]
    public async Task Invalid_manifests_are_manifest_invalid(string body, string contentType)
    {
        using var response = await _oci.PutManifestAsync(OciClient.NewRepo(), "t", Encoding.UTF8.GetBytes(body), contentType);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Invalid_tag_is_rejected()
    {
        using var response = await _oci.PutManifestAsync(OciClient.NewRepo(), "-bad", "{}"u8.ToArray(), OciManifest);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Oversized_manifest_is_413()
    {
        var big = new byte[4 * 1024 * 1024 + 1];
        using var response = await _oci.PutManifestAsync(OciClient.NewRepo(), "big", big, OciManifest);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Index_requires_its_children_and_is_served_with_its_media_type()
    {
        var repo = OciClient.NewRepo();
        var (amd, amdDigest) = await _oci.PushImageAsync(repo, "amd64");
        var (arm, armDigest) = await _oci.PushImageAsync(repo, "arm64");
        var index = OciClient.Index([(amdDigest, amd.Length, "amd64"), (armDigest, arm.Length, "arm64")]);
        using (var put = await _oci.PutManifestAsync(repo, "multi", index, OciIndex))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var get = await _oci.Http.GetAsync($"/v2/{repo}/manifests/multi");
        Assert.Equal(OciIndex, get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(index, await get.Content.ReadAsByteArrayAsync());

        var dangling = OciClient.Index([(OciClient.Digest([4, 2]), 10, "riscv64")]);
        using var missing = await _oci.PutManifestAsync(repo, "broken", dangling, OciIndex);
        await OciClient.AssertErrorAsync(missing, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Accept_header_is_honoured()
    {
        var repo = OciClient.NewRepo();
        await _oci.PushImageAsync(repo, "v1");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/v1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        using var refused = await _oci.Http.SendAsync(request);
        await OciClient.AssertErrorAsync(refused, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");

        var ok = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/v1");
        ok.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifest));
        using var accepted = await _oci.Http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Docker_schema2_manifest_round_trips()
    {
        var repo = OciClient.NewRepo();
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        var layer = OciClient.RandomBytes(2048);
        var c = await _oci.PushBlobAsync(repo, config);
        var l = await _oci.PushBlobAsync(repo, layer);
        const string type = "application/vnd.docker.distribution.manifest.v2+json";
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{type}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{c}}","size":{{config.Length}}},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"{{l}}","size":{{layer.Length}}}]}""");
        using var put = await _oci.PutManifestAsync(repo, "d", manifest, type);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = await _oci.Http.GetAsync($"/v2/{repo}/manifests/d");
        Assert.Equal(type, get.Content.Headers.ContentType!.MediaType);

        using var mismatch = await _oci.PutManifestAsync(repo, "e", manifest, OciManifest);
        await OciClient.AssertErrorAsync(mismatch, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Delete_by_tag_untags_and_delete_by_digest_removes_manifest_and_tags()
    {
        var repo = OciClient.NewRepo();
        var (manifest, digest) = await _oci.PushImageAsync(repo, "one");
        using (await _oci.PutManifestAsync(repo, "two", manifest, OciManifest))
        {
        }

        using var untag = await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/one");
        Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        using (var gone = await _oci.Http.GetAsync($"/v2/{repo}/manifests/one"))
        {
            await OciClient.AssertErrorAsync(gone, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        using (var byDigest = await _oci.Http.GetAsync($"/v2/{repo}/manifests/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, byDigest.StatusCode);
        }

        using var delete = await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using (var two = await _oci.Http.GetAsync($"/v2/{repo}/manifests/two"))
        {
            Assert.Equal(HttpStatusCode.NotFound, two.StatusCode);
        }

        using var again = await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        await OciClient.AssertErrorAsync(again, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Concurrent_pushes_to_the_same_tag_leave_one_consistent_winner()
    {
        var repo = OciClient.NewRepo();
        var pushes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _oci.PushImageAsync(repo, "race", layers: 1, layerSize: 100 + i)));
        using var get = await _oci.Http.GetAsync($"/v2/{repo}/manifests/race");
        var winner = get.Headers.GetValues("Docker-Content-Digest").Single();
        Assert.Contains(winner, pushes.Select(p => p.Digest));
        Assert.Equal(pushes.Single(p => p.Digest == winner).Manifest, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Pulls_after_a_tag_moves_or_goes_see_the_change_at_once()
    {
        var repo = OciClient.NewRepo();
        var (first, firstDigest) = await _oci.PushImageAsync(repo, "moving");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/manifests/moving"));
        }

        var (second, secondDigest) = await _oci.PushImageAsync(repo, "moving");
        Assert.Equal(second, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/manifests/moving"));
        Assert.Equal(first, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/manifests/{firstDigest}"));

        using (await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/moving"))
        {
        }

        using (var untagged = await _oci.Http.GetAsync($"/v2/{repo}/manifests/moving"))
        {
            Assert.Equal(HttpStatusCode.NotFound, untagged.StatusCode);
        }

        using (await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/{secondDigest}"))
        {
        }

        using var deleted = await _oci.Http.GetAsync($"/v2/{repo}/manifests/{secondDigest}");
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }
}
