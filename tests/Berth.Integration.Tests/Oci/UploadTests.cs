using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oci;

public sealed class UploadTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Start_returns_202_with_location_uuid_and_range()
    {
        using var response = await _oci.Http.PostAsync($"/v2/{OciClient.NewRepo()}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var uuid = response.Headers.GetValues("Docker-Upload-UUID").Single();
        Assert.EndsWith(uuid, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("0-0", response.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Chunked_upload_reports_progress_and_completes()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(300_000);
        var location = await _oci.StartUploadAsync(repo);
        using (var first = await _oci.PatchAsync(location, content[..100_000], 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal("0-99999", first.Headers.GetValues("Range").Single());
            location = first.Headers.Location!.ToString();
        }

        using (var status = await _oci.Http.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal("0-99999", status.Headers.GetValues("Range").Single());
        }

        using (var second = await _oci.PatchAsync(location, content[100_000..250_000], 100_000))
        {
            Assert.Equal("0-249999", second.Headers.GetValues("Range").Single());
        }

        // Last chunk travels with the PUT.
        var digest = OciClient.Digest(content);
        using var put = await _oci.Http.PutAsync($"{location}?digest={digest}", new ByteArrayContent(content[250_000..]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v2/{repo}/blobs/{digest}", put.Headers.Location!.ToString());
        Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));

        using var after = await _oci.Http.GetAsync(location);
        await OciClient.AssertErrorAsync(after, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Out_of_order_chunk_is_416_and_changes_nothing()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(2000);
        var location = await _oci.StartUploadAsync(repo);
        using (await _oci.PatchAsync(location, content[..1000], 0))
        {
        }

        using var skip = await _oci.PatchAsync(location, content[1500..], 1500);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, skip.StatusCode);
        Assert.Equal("0-999", skip.Headers.GetValues("Range").Single());

        using var repeat = await _oci.PatchAsync(location, content[..1000], 0);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, repeat.StatusCode);

        using var resume = await _oci.PatchAsync(location, content[1000..], 1000);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        using var put = await _oci.Http.PutAsync($"{location}?digest={OciClient.Digest(content)}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task Wrong_digest_is_digest_invalid_and_blob_stays_invisible()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(1000);
        var wrong = OciClient.Digest([1]);
        var location = await _oci.StartUploadAsync(repo);
        using var put = await _oci.Http.PutAsync($"{location}?digest={wrong}", new ByteArrayContent(content));
        await OciClient.AssertErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using var get = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{wrong}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var get2 = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{OciClient.Digest(content)}");
        Assert.Equal(HttpStatusCode.NotFound, get2.StatusCode);

        using var mono = await _oci.Http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={wrong}", new ByteArrayContent(content));
        await OciClient.AssertErrorAsync(mono, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Put_without_digest_is_digest_invalid()
    {
        var location = await _oci.StartUploadAsync(OciClient.NewRepo());
        using var put = await _oci.Http.PutAsync(location, new ByteArrayContent([1, 2]));
        await OciClient.AssertErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Cancel_deletes_the_session()
    {
        var location = await _oci.StartUploadAsync(OciClient.NewRepo());
        using var delete = await _oci.Http.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var status = await _oci.Http.GetAsync(location);
        await OciClient.AssertErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        using var again = await _oci.Http.DeleteAsync(location);
        await OciClient.AssertErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Upload_of_another_repository_or_bogus_id_is_unknown()
    {
        var location = await _oci.StartUploadAsync(OciClient.NewRepo());
        var uuid = location[(location.LastIndexOf('/') + 1)..];
        using var other = await _oci.Http.GetAsync($"/v2/{OciClient.NewRepo()}/blobs/uploads/{uuid}");
        await OciClient.AssertErrorAsync(other, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        using var bogus = await _oci.Http.GetAsync($"/v2/{OciClient.NewRepo()}/blobs/uploads/not-a-uuid");
        await OciClient.AssertErrorAsync(bogus, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Mount_from_repository_links_without_upload()
    {
        var source = OciClient.NewRepo();
        var target = OciClient.NewRepo();
        var content = OciClient.RandomBytes(4096);
        var digest = await _oci.PushBlobAsync(source, content);

        using var mount = await _oci.Http.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/{target}/blobs/{digest}", mount.Headers.Location!.ToString());
        Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{target}/blobs/{digest}"));

        using var noFrom = await _oci.Http.PostAsync($"/v2/{OciClient.NewRepo()}/blobs/uploads/?mount={digest}", null);
        Assert.Equal(HttpStatusCode.Created, noFrom.StatusCode);
    }

    [Fact]
    public async Task Mount_of_unknown_blob_falls_back_to_an_upload_session()
    {
        var missing = OciClient.Digest(OciClient.RandomBytes(10));
        using var mount = await _oci.Http.PostAsync($"/v2/{OciClient.NewRepo()}/blobs/uploads/?mount={missing}&from={OciClient.NewRepo()}", null);
        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.Contains("/blobs/uploads/", mount.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_pushes_of_the_same_blob_all_succeed()
    {
        var content = OciClient.RandomBytes(200_000);
        var repos = Enumerable.Range(0, 8).Select(_ => OciClient.NewRepo()).ToList();
        var tasks = repos.SelectMany(r => new[] { _oci.PushBlobAsync(r, content), _oci.PushBlobChunkedAsync(r, content, 64_000) });
        var digests = await Task.WhenAll(tasks);
        Assert.Single(digests.Distinct());
        foreach (var r in repos)
        {
            Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{r}/blobs/{digests[0]}"));
        }
    }

    [Fact]
    public async Task Empty_blob_can_be_pushed()
    {
        var repo = OciClient.NewRepo();
        var digest = await _oci.PushBlobAsync(repo, []);
        Assert.Empty(await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));
    }
}
