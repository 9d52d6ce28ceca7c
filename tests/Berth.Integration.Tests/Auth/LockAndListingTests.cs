using System.Net;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Per-object locks bind everyone, Owners included; listings show only what the caller may list.</summary>
public sealed class LockAndListingTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);
    private readonly OciClient _owner = new(server.CreateClient());

    [Fact]
    public async Task Write_disabled_repository_blocks_an_Owner_push()
    {
        var repo = OciClient.NewRepo();
        var (manifest, _) = await _owner.PushImageAsync(repo, "v1");
        await _api.SetAttributesAsync(new { repository = repo, writeEnabled = false });
        using var push = await _owner.PutManifestAsync(repo, "v2", manifest, "application/vnd.oci.image.manifest.v1+json");
        await OciClient.AssertErrorAsync(push, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("write-enabled=false", (await OciClient.ErrorAsync(push)).GetProperty("message").GetString(), StringComparison.Ordinal);
        using var upload = await _owner.Http.PostAsync($"/v2/{repo}/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(upload, HttpStatusCode.Forbidden, "DENIED");

        await _api.SetAttributesAsync(new { repository = repo, writeEnabled = true });
        using var again = await _owner.PutManifestAsync(repo, "v2", manifest, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Write_disabled_tag_blocks_moving_that_tag_only()
    {
        var repo = OciClient.NewRepo();
        var (manifest, _) = await _owner.PushImageAsync(repo, "stable");
        await _api.SetAttributesAsync(new { repository = repo, tag = "stable", writeEnabled = false });
        using var locked = await _owner.PutManifestAsync(repo, "stable", manifest, "application/vnd.oci.image.manifest.v1+json");
        await OciClient.AssertErrorAsync(locked, HttpStatusCode.Forbidden, "DENIED");
        using var other = await _owner.PutManifestAsync(repo, "edge", manifest, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Read_disabled_blocks_pull_and_delete_disabled_blocks_delete()
    {
        var repo = OciClient.NewRepo();
        var (_, digest) = await _owner.PushImageAsync(repo, "v1");
        await _api.SetAttributesAsync(new { repository = repo, digest, readEnabled = false, deleteEnabled = false });
        using var pull = await _owner.Http.GetAsync($"/v2/{repo}/manifests/{digest}");
        await OciClient.AssertErrorAsync(pull, HttpStatusCode.Forbidden, "DENIED");
        using var delete = await _owner.Http.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        await OciClient.AssertErrorAsync(delete, HttpStatusCode.Forbidden, "DENIED");

        using var attributes = await _api.Owner.GetAsync($"/api/v1/registries/default/attributes?repository={repo}&digest={digest}");
        var body = await AuthApi.ExpectAsync(attributes, HttpStatusCode.OK);
        Assert.False(body.GetProperty("readEnabled").GetBoolean());
        Assert.True(body.GetProperty("writeEnabled").GetBoolean());
    }

    [Fact]
    public async Task List_disabled_hides_a_repository_from_the_catalog_and_its_tag_list()
    {
        var prefix = "hide" + Guid.NewGuid().ToString("N")[..8];
        await _owner.PushImageAsync($"{prefix}/shown", "v1", layers: 1, layerSize: 10);
        await _owner.PushImageAsync($"{prefix}/hidden", "v1", layers: 1, layerSize: 10);
        await _api.SetAttributesAsync(new { repository = $"{prefix}/hidden", listEnabled = false });
        Assert.Equal([$"{prefix}/shown"], (await CatalogAsync(_owner.Http)).Where(r => r.StartsWith(prefix, StringComparison.Ordinal)));
        using var tags = await _owner.Http.GetAsync($"/v2/{prefix}/hidden/tags/list");
        await OciClient.AssertErrorAsync(tags, HttpStatusCode.NotFound, "NAME_UNKNOWN");
        using var pull = await _owner.Http.GetAsync($"/v2/{prefix}/hidden/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode); // hidden from listings, not from pulls
    }

    [Fact]
    public async Task List_disabled_tag_is_left_out_of_the_tag_list()
    {
        var repo = OciClient.NewRepo();
        var (manifest, _) = await _owner.PushImageAsync(repo, "a");
        foreach (var tag in new[] { "b", "c" })
        {
            using var r = await _owner.PutManifestAsync(repo, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        }

        await _api.SetAttributesAsync(new { repository = repo, tag = "b", listEnabled = false });
        using var response = await _owner.Http.GetAsync($"/v2/{repo}/tags/list");
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(["a", "c"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Catalog_shows_only_repositories_the_caller_may_list()
    {
        var prefix = "cat" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "mine/a", "mine/b", "theirs/c" })
        {
            await _owner.PushImageAsync($"{prefix}/{name}", "v1", layers: 1, layerSize: 10);
        }

        var user = await _api.CreateUserAsync("AcrPull", $"/registries/default/repositories/{prefix}/mine/*");
        using var client = server.CreateClient(user.Username, user.Password);
        Assert.Equal([$"{prefix}/mine/a", $"{prefix}/mine/b"], await CatalogAsync(client));

        // Paging still fills pages from the visible repositories only.
        using var page = await client.GetAsync("/v2/_catalog?n=1");
        var first = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("repositories");
        Assert.Equal($"{prefix}/mine/a", first[0].GetString());
        Assert.Contains("rel=\"next\"", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        var noRights = await _api.CreateUserAsync();
        using var none = server.CreateClient(noRights.Username, noRights.Password);
        Assert.Empty(await CatalogAsync(none));

        // With a bearer token the catalog needs registry:catalog:*.
        var jwt = await _api.TokenAsync(user.Username, user.Password, "registry:catalog:*");
        Assert.Equal([$"{prefix}/mine/a", $"{prefix}/mine/b"], await CatalogAsync(server.CreateBearerClient(jwt)));
        var withoutCatalog = await _api.TokenAsync(user.Username, user.Password, $"repository:{prefix}/mine/a:pull");
        using var refused = await server.CreateBearerClient(withoutCatalog).GetAsync("/v2/_catalog");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<List<string>> CatalogAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/v2/_catalog");
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        return body.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()!).ToList();
    }
}
