using System.Net;
using System.Net.Http.Headers;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oci;

public sealed class BlobTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Base_endpoint_answers_with_api_version_header()
    {
        using var response = await _oci.Http.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
    }

    [Fact]
    public async Task Monolithic_push_then_get_and_head_return_the_exact_bytes()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(100_000);
        var digest = await _oci.PushBlobAsync(repo, content);

        using var head = await _oci.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, head.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"\"{digest}\"", head.Headers.ETag!.Tag);

        var got = await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}");
        Assert.Equal(content, got);
    }

    [Fact]
    public async Task Range_reads_return_206_with_content_range()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(10_000);
        var digest = await _oci.PushBlobAsync(repo, content);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await _oci.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 100-199/10000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes", response.Headers.AcceptRanges);

        var suffix = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/blobs/{digest}");
        suffix.Headers.Range = new RangeHeaderValue(null, 10);
        using var tail = await _oci.Http.SendAsync(suffix);
        Assert.Equal(content[^10..], await tail.Content.ReadAsByteArrayAsync());

        var beyond = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/blobs/{digest}");
        beyond.Headers.Range = new RangeHeaderValue(20_000, 20_100);
        using var unsatisfiable = await _oci.Http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("bytes */10000", unsatisfiable.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Unknown_blob_is_404_blob_unknown()
    {
        var repo = OciClient.NewRepo();
        await _oci.PushBlobAsync(repo, [1, 2, 3]);
        using var response = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{OciClient.Digest([9, 9])}");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:../../../../etc/passwd")]
    public async Task Malformed_digests_are_digest_invalid(string digest)
    {
        using var response = await _oci.Http.GetAsync($"/v2/{OciClient.NewRepo()}/blobs/{Uri.EscapeDataString(digest)}");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Theory]
    [InlineData("UPPER/case")]
    [InlineData("a//b")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("a..b")]
    public async Task Invalid_repository_names_are_name_invalid(string name)
    {
        using var response = await _oci.Http.PostAsync($"/v2/{name}/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task Too_long_repository_name_is_name_invalid()
    {
        var name = string.Join('/', Enumerable.Repeat(new string('a', 50), 6));
        using var response = await _oci.Http.PostAsync($"/v2/{name}/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task Delete_unlinks_the_blob_from_the_repository_only()
    {
        var a = OciClient.NewRepo();
        var b = OciClient.NewRepo();
        var content = OciClient.RandomBytes(512);
        var digest = await _oci.PushBlobAsync(a, content);
        await _oci.PushBlobAsync(b, content);

        using var delete = await _oci.Http.DeleteAsync($"/v2/{a}/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var goneInA = await _oci.Http.GetAsync($"/v2/{a}/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, goneInA.StatusCode);
        Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{b}/blobs/{digest}"));

        using var again = await _oci.Http.DeleteAsync($"/v2/{a}/blobs/{digest}");
        await OciClient.AssertErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Sha512_blobs_are_accepted()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(3000);
        var digest = "sha512:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(content));
        using var response = await _oci.Http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));
    }

    [Fact]
    public async Task Unknown_endpoint_is_404()
    {
        using var response = await _oci.Http.GetAsync("/v2/foo/bar/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
