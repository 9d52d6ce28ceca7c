using System.Net;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oci;

public sealed class ListingTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Tags_are_listed_in_order_with_pagination_and_link_header()
    {
        var repo = OciClient.NewRepo();
        var (manifest, _) = await _oci.PushImageAsync(repo, "a");
        foreach (var tag in new[] { "c", "b", "e", "d" })
        {
            using var r = await _oci.PutManifestAsync(repo, tag, manifest, OciManifest);
        }

        Assert.Equal(["a", "b", "c", "d", "e"], await TagsAsync($"/v2/{repo}/tags/list"));

        using var page = await _oci.Http.GetAsync($"/v2/{repo}/tags/list?n=2");
        Assert.Equal(["a", "b"], Names(await page.Content.ReadAsStringAsync(), "tags"));
        var link = page.Headers.GetValues("Link").Single();
        Assert.Equal($"</v2/{repo}/tags/list?n=2&last=b>; rel=\"next\"", link);

        Assert.Equal(["c", "d"], await TagsAsync($"/v2/{repo}/tags/list?n=2&last=b"));
        using var lastPage = await _oci.Http.GetAsync($"/v2/{repo}/tags/list?n=2&last=d");
        Assert.Equal(["e"], Names(await lastPage.Content.ReadAsStringAsync(), "tags"));
        Assert.False(lastPage.Headers.Contains("Link"));

        Assert.Empty(await TagsAsync($"/v2/{repo}/tags/list?n=0"));
        Assert.Empty(await TagsAsync($"/v2/{repo}/tags/list?last=zzz"));
        Assert.Equal(["a", "b", "c", "d", "e"], await TagsAsync($"/v2/{repo}/tags/list?n=5"));
    }

    [Fact]
    public async Task Bad_page_size_is_rejected_and_unknown_repository_is_name_unknown()
    {
        var repo = OciClient.NewRepo();
        await _oci.PushImageAsync(repo, "x");
        using var bad = await _oci.Http.GetAsync($"/v2/{repo}/tags/list?n=-1");
        await OciClient.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
        using var unknown = await _oci.Http.GetAsync($"/v2/{OciClient.NewRepo()}/tags/list");
        await OciClient.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Catalog_pages_through_repositories()
    {
        var prefix = "cat" + Guid.NewGuid().ToString("N")[..8];
        var repos = Enumerable.Range(0, 5).Select(i => $"{prefix}/r{i}").ToList();
        foreach (var r in repos)
        {
            await _oci.PushImageAsync(r, "t", layers: 1, layerSize: 10);
        }

        var seen = new List<string>();
        var url = "/v2/_catalog?n=2";
        while (url is not null)
        {
            using var response = await _oci.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Names(await response.Content.ReadAsStringAsync(), "repositories");
            Assert.True(page.Count <= 2);
            seen.AddRange(page);
            url = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>') : null;
        }

        Assert.Equal(repos, seen.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Referrers_list_manifests_with_subject_and_filter_by_artifact_type()
    {
        var repo = OciClient.NewRepo();
        var (_, subject) = await _oci.PushImageAsync(repo, "app");
        using var missing = await _oci.Http.GetAsync($"/v2/{repo}/referrers/{subject}");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);

        var sbomPush = await PushReferrerAsync(repo, subject, "application/vnd.cyclonedx+json");
        var sigPush = await PushReferrerAsync(repo, subject, "application/vnd.dev.cosign.artifact.sig.v1+json");

        using var all = await _oci.Http.GetAsync($"/v2/{repo}/referrers/{subject}");
        Assert.Equal("application/vnd.oci.image.index.v1+json", all.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        var entries = doc.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.GetProperty("digest").GetString() == sbomPush && e.GetProperty("artifactType").GetString() == "application/vnd.cyclonedx+json");
        Assert.Contains(entries, e => e.GetProperty("annotations").GetProperty("org.example.kind").GetString() == "test");
        Assert.False(all.Headers.Contains("OCI-Filters-Applied"));

        using var filtered = await _oci.Http.GetAsync($"/v2/{repo}/referrers/{subject}?artifactType=application/vnd.dev.cosign.artifact.sig.v1%2Bjson");
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        using var fdoc = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync());
        Assert.Equal(sigPush, fdoc.RootElement.GetProperty("manifests").EnumerateArray().Single().GetProperty("digest").GetString());

        using var delete = await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/{sigPush}");
        using var after = await _oci.Http.GetAsync($"/v2/{repo}/referrers/{subject}");
        using var adoc = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Single(adoc.RootElement.GetProperty("manifests").EnumerateArray());
    }

    [Fact]
    public async Task Referrer_may_be_pushed_before_its_subject()
    {
        var repo = OciClient.NewRepo();
        var future = OciClient.Digest(OciClient.RandomBytes(16));
        var referrer = await PushReferrerAsync(repo, future, "application/example");
        using var response = await _oci.Http.GetAsync($"/v2/{repo}/referrers/{future}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(referrer, doc.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Referrers_with_bad_digest_is_digest_invalid()
    {
        using var response = await _oci.Http.GetAsync($"/v2/{OciClient.NewRepo()}/referrers/sha256:nope");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    private async Task<string> PushReferrerAsync(string repo, string subject, string artifactType)
    {
        var empty = "{}"u8.ToArray();
        var emptyDigest = await _oci.PushBlobAsync(repo, empty);
        var payload = OciClient.RandomBytes(64);
        var payloadDigest = await _oci.PushBlobAsync(repo, payload);
        var manifest = OciClient.ImageManifest(
            new { mediaType = "application/vnd.oci.empty.v1+json", digest = emptyDigest, size = 2 },
            [new { mediaType = "application/octet-stream", digest = payloadDigest, size = payload.Length }],
            subject, artifactType, new Dictionary<string, string> { ["org.example.kind"] = "test" });
        var digest = OciClient.Digest(manifest);
        using var response = await _oci.PutManifestAsync(repo, digest, manifest, OciManifest);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(subject, response.Headers.GetValues("OCI-Subject").Single());
        return digest;
    }

    private async Task<List<string>> TagsAsync(string url)
    {
        using var response = await _oci.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Names(await response.Content.ReadAsStringAsync(), "tags");
    }

    private static List<string> Names(string json, string property)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
