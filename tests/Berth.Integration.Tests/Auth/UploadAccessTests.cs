using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Mounts never leak blobs across repositories, and upload sessions belong to their starter.</summary>
public sealed class UploadAccessTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);
    private readonly OciClient _owner = new(server.CreateClient());

    [Fact]
    public async Task Mount_without_pull_on_the_source_starts_an_upload_and_links_nothing()
    {
        var prefix = "mnt" + Guid.NewGuid().ToString("N")[..8];
        var secret = OciClient.RandomBytes(512);
        var digest = await _owner.PushBlobAsync($"{prefix}/secret", secret);
        var user = await _api.CreateUserAsync("AcrPush", $"/registries/default/repositories/{prefix}/mine");
        var oci = new OciClient(server.CreateClient(user.Username, user.Password));

        foreach (var query in new[] { $"mount={digest}&from={prefix}/secret", $"mount={digest}" })
        {
            using var mount = await oci.Http.PostAsync($"/v2/{prefix}/mine/blobs/uploads/?{query}", null);
            Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
            Assert.Contains("/blobs/uploads/", mount.Headers.Location!.ToString(), StringComparison.Ordinal);
            using var head = await _owner.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{prefix}/mine/blobs/{digest}"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        // The answer is the same as for a digest the registry does not hold.
        var absent = OciClient.Digest(OciClient.RandomBytes(16));
        using var unknown = await oci.Http.PostAsync($"/v2/{prefix}/mine/blobs/uploads/?mount={absent}&from={prefix}/secret", null);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
    }

    [Fact]
    public async Task Mount_with_pull_on_the_source_links_the_blob()
    {
        var prefix = "mnt" + Guid.NewGuid().ToString("N")[..8];
        var digest = await _owner.PushBlobAsync($"{prefix}/base", OciClient.RandomBytes(256));
        var user = await _api.CreateUserAsync("AcrPush", $"/registries/default/repositories/{prefix}/*");
        var oci = new OciClient(server.CreateClient(user.Username, user.Password));
        using var mount = await oci.Http.PostAsync($"/v2/{prefix}/app/blobs/uploads/?mount={digest}&from={prefix}/base", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        using var withoutFrom = await oci.Http.PostAsync($"/v2/{prefix}/app2/blobs/uploads/?mount={digest}", null);
        Assert.Equal(HttpStatusCode.Created, withoutFrom.StatusCode);

        // A bearer token must carry pull on the source too.
        var jwt = await _api.TokenAsync(user.Username, user.Password, $"repository:{prefix}/app3:push,pull");
        using var bearer = await server.CreateBearerClient(jwt).PostAsync($"/v2/{prefix}/app3/blobs/uploads/?mount={digest}&from={prefix}/base", null);
        Assert.Equal(HttpStatusCode.Accepted, bearer.StatusCode);
        var both = await _api.TokenAsync(user.Username, user.Password, $"repository:{prefix}/app3:push,pull", $"repository:{prefix}/base:pull");
        using var mounted = await server.CreateBearerClient(both).PostAsync($"/v2/{prefix}/app3/blobs/uploads/?mount={digest}&from={prefix}/base", null);
        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
    }

    [Fact]
    public async Task Another_principals_upload_session_is_unknown()
    {
        var repo = OciClient.NewRepo();
        var user = await _api.CreateUserAsync("AcrPush");
        var other = await _api.CreateUserAsync("AcrPush");
        var mine = new OciClient(server.CreateClient(user.Username, user.Password));
        var theirs = new OciClient(server.CreateClient(other.Username, other.Password));
        var location = await mine.StartUploadAsync(repo);

        using (var status = await theirs.Http.GetAsync(location))
        {
            await OciClient.AssertErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }

        using (var patch = await theirs.PatchAsync(location, [1, 2, 3], 0))
        {
            await OciClient.AssertErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }

        using (var cancel = await theirs.Http.DeleteAsync(location))
        {
            await OciClient.AssertErrorAsync(cancel, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }

        // The owner's session is untouched, also when the owner switches to a bearer token.
        using (var own = await mine.PatchAsync(location, [1, 2, 3], 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        }

        var jwt = await _api.TokenAsync(user.Username, user.Password, $"repository:{repo}:push,pull");
        using var done = await server.CreateBearerClient(jwt).PutAsync($"{location}?digest={OciClient.Digest([1, 2, 3])}", null);
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
    }
}
