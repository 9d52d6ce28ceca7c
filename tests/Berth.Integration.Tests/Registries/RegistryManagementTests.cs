using System.Net;
using System.Net.Http.Json;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Oci;
using Berth.Core.Storage;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Durability;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Registries;

/// <summary><c>/api/v1/registries</c>: who may create and delete, name rules, and what a delete removes.</summary>
public sealed class RegistryManagementTests(RegistryFixture server) : IClassFixture<RegistryFixture>
{
    private readonly AuthApi _api = new(server);

    [Fact]
    public async Task Create_returns_the_registry_with_its_login_server_and_it_is_listed_and_audited()
    {
        var name = "Contoso" + Guid.NewGuid().ToString("N")[..8];
        using var response = await _api.Owner.PostAsJsonAsync("/api/v1/registries", new { name, sku = "Basic", adminUserEnabled = true, tags = new { dept = "IT" } });

        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal($"{name.ToLowerInvariant()}.{RegistryFixture.Domain}", body.GetProperty("loginServer").GetString());
        Assert.Equal("Basic", body.GetProperty("sku").GetString());
        Assert.Equal(RegistryFixture.BasicStorage, body.GetProperty("limits").GetProperty("includedStorageBytes").GetInt64());
        Assert.Equal(RegistryFixture.BasicTokens, body.GetProperty("limits").GetProperty("repositoryTokens").GetInt32());
        Assert.True(body.GetProperty("adminUserEnabled").GetBoolean());
        Assert.Equal("IT", body.GetProperty("tags").GetProperty("dept").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("adminPasswords").GetProperty("password").GetString()));

        using var list = await _api.Owner.GetAsync("/api/v1/registries");
        var names = (await AuthApi.ExpectAsync(list, HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("default", names);
        Assert.Contains(name, names);

        using var shown = await _api.Owner.GetAsync($"/api/v1/registries/{name.ToLowerInvariant()}");
        Assert.False((await AuthApi.ExpectAsync(shown, HttpStatusCode.OK)).TryGetProperty("adminPasswords", out var p) && p.ValueKind != System.Text.Json.JsonValueKind.Null);

        Assert.Contains(await AuditAsync(), e => e.Action == "registry.create" && e.Target == $"registries/{name}");
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("has-dash1")]
    [InlineData("under_score")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Names_outside_acr_rules_are_refused(string name)
    {
        using var response = await _api.Owner.PostAsJsonAsync("/api/v1/registries", new { name });
        await AuthApi.AssertApiErrorAsync(response, HttpStatusCode.BadRequest, ApiErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task A_name_taken_in_another_case_is_a_conflict_and_the_default_registry_cannot_be_deleted()
    {
        var name = await server.CreateRegistryAsync(_api.Owner);
        using var again = await _api.Owner.PostAsJsonAsync("/api/v1/registries", new { name = name.ToUpperInvariant() });
        await AuthApi.AssertApiErrorAsync(again, HttpStatusCode.Conflict, ApiErrorCodes.Conflict);

        using var deleteDefault = await _api.Owner.DeleteAsync("/api/v1/registries/default");
        await AuthApi.AssertApiErrorAsync(deleteDefault, HttpStatusCode.Conflict, ApiErrorCodes.Conflict);
    }

    [Theory]
    [InlineData("Reader", "/")]
    [InlineData("AcrPush", "/")]
    [InlineData("Contributor", "/registries/default")]
    public async Task Only_owner_or_contributor_at_server_scope_create_and_delete(string role, string scope)
    {
        var victim = await server.CreateRegistryAsync(_api.Owner);
        var user = await _api.CreateUserAsync(role, scope);
        using var client = server.CreateClient(user.Username, user.Password);

        using var create = await client.PostAsJsonAsync("/api/v1/registries", new { name = "nope" + Guid.NewGuid().ToString("N")[..8] });
        await AuthApi.AssertApiErrorAsync(create, HttpStatusCode.Forbidden, ApiErrorCodes.Forbidden);
        using var delete = await client.DeleteAsync($"/api/v1/registries/{victim}");
        await AuthApi.AssertApiErrorAsync(delete, HttpStatusCode.Forbidden, ApiErrorCodes.Forbidden);
        using var still = await _api.Owner.GetAsync($"/api/v1/registries/{victim}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);

        var contributor = await _api.CreateUserAsync("Contributor", "/");
        using var allowed = server.CreateClient(contributor.Username, contributor.Password);
        using var deleted = await allowed.DeleteAsync($"/api/v1/registries/{victim}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_registrys_content_but_gc_keeps_a_blob_another_registry_shares()
    {
        var keep = await server.CreateRegistryAsync(_api.Owner);
        var doomed = await server.CreateRegistryAsync(_api.Owner);
        var repo = OciClient.NewRepo("del");
        var shared = OciClient.RandomBytes(700);
        var own = OciClient.RandomBytes(800);
        using var keepClient = server.ClientFor(server.HostOf(keep), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        using var doomedClient = server.ClientFor(server.HostOf(doomed), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        var sharedDigest = await PushImageAsync(new OciClient(keepClient), repo, shared);
        await PushImageAsync(new OciClient(doomedClient), repo, shared, own);
        var ownDigest = OciClient.Digest(own);

        using (var delete = await _api.Owner.DeleteAsync($"/api/v1/registries/{doomed}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await _api.Owner.GetAsync($"/api/v1/registries/{doomed}"))
        {
            await AuthApi.AssertApiErrorAsync(gone, HttpStatusCode.NotFound, ApiErrorCodes.NotFound);
        }

        await Wait.PastAsync(RegistryFixture.Grace);
        await GcResult.RunAsync(_api.Owner, dryRun: false);

        var store = server.Get<IBlobStore>();
        Assert.Null(await store.GetSizeAsync(Digest.Parse(ownDigest), CancellationToken.None));
        Assert.Equal(shared.Length, await store.GetSizeAsync(Digest.Parse(sharedDigest), CancellationToken.None));
        using var pulled = await keepClient.GetAsync($"/v2/{repo}/blobs/{sharedDigest}");
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        Assert.Equal(shared, await pulled.Content.ReadAsByteArrayAsync());

        // The deleted registry's host name now reaches the default registry, which never held the repository.
        using var oldHost = await doomedClient.GetAsync($"/v2/{repo}/blobs/{ownDigest}");
        Assert.Equal(HttpStatusCode.NotFound, oldHost.StatusCode);
    }

    /// <summary>Pushes the layers and a tagged manifest over them (so GC keeps them); returns the first layer's digest.</summary>
    private static async Task<string> PushImageAsync(OciClient oci, string repo, params byte[][] layers)
    {
        var config = "{}"u8.ToArray();
        var configDigest = await oci.PushBlobAsync(repo, config);
        var descriptors = new List<object>();
        foreach (var layer in layers)
        {
            descriptors.Add(new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = await oci.PushBlobAsync(repo, layer), size = layer.Length });
        }

        var manifest = OciClient.ImageManifest(new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length }, descriptors);
        using var put = await oci.PutManifestAsync(repo, "v1", manifest, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return OciClient.Digest(layers[0]);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        var all = new List<AuditEntry>();
        var log = server.Get<IAuditLog>();
        for (IReadOnlyList<AuditEntry> page; (page = await log.ReadAsync(all.Count, AuditLog.MaxPage, CancellationToken.None)).Count > 0;)
        {
            all.AddRange(page);
        }

        return all;
    }

    /// <summary>The management API's error codes, spelled as on the wire.</summary>
    private static class ApiErrorCodes
    {
        public const string InvalidRequest = "InvalidRequest";
        public const string Forbidden = "Forbidden";
        public const string NotFound = "NotFound";
        public const string Conflict = "Conflict";
    }
}
