using System.Net;
using System.Net.Http.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Durability;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Registries;

/// <summary>SKU limits: storage (unique blob bytes), repository tokens, SKU changes, and the usage report.</summary>
public sealed class RegistryLimitTests(RegistryFixture server) : IClassFixture<RegistryFixture>
{
    private readonly AuthApi _api = new(server);

    private HttpClient OwnerAt(string registry) =>
        server.ClientFor(server.HostOf(registry), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);

    private async Task<long> StorageAsync(string registry) => (await RegistryFixture.UsageAsync(_api.Owner, registry))["Size"].Current!.Value;

    [Fact]
    public async Task A_blob_shared_by_two_repositories_counts_once()
    {
        var registry = await server.CreateRegistryAsync(_api.Owner, "Basic");
        using var client = OwnerAt(registry);
        var oci = new OciClient(client);
        var blob = OciClient.RandomBytes(1000);

        await oci.PushBlobAsync(OciClient.NewRepo("quota"), blob);
        await oci.PushBlobAsync(OciClient.NewRepo("quota"), blob);
        await oci.PushBlobChunkedAsync(OciClient.NewRepo("quota"), blob, 300);

        Assert.Equal(1000, await StorageAsync(registry));
    }

    [Fact]
    public async Task A_push_past_the_storage_limit_is_refused_and_nothing_stored_changes()
    {
        var registry = await server.CreateRegistryAsync(_api.Owner, "Basic");
        using var client = OwnerAt(registry);
        var oci = new OciClient(client);
        var repo = OciClient.NewRepo("quota");
        var first = OciClient.RandomBytes(3000);
        await oci.PushBlobAsync(repo, first);
        var tooBig = OciClient.RandomBytes(2000);
        var tooBigDigest = OciClient.Digest(tooBig);

        // Monolithic: the declared size is refused before the body is read.
        using (var monolithic = await client.PostAsync($"/v2/{repo}/blobs/uploads/?digest={tooBigDigest}", new ByteArrayContent(tooBig)))
        {
            await AssertQuotaAsync(monolithic);
        }

        // Chunked: the chunk that would not fit is refused; the session stays as it was.
        var location = await oci.StartUploadAsync(repo);
        using (var chunk = await oci.PatchAsync(location, tooBig, 0))
        {
            await AssertQuotaAsync(chunk);
        }

        using (var status = await client.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal("0-0", status.Headers.GetValues("Range").Single());
        }

        // Without declared sizes (streamed chunk, then a PUT with no body) the commit refuses it and discards the upload.
        using (var streamed = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StreamContent(new MemoryStream(tooBig)) })
        {
            streamed.Headers.TransferEncodingChunked = true;
            using var accepted = await client.SendAsync(streamed);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            location = accepted.Headers.Location!.ToString();
        }

        using (var put = await client.PutAsync($"{location}?digest={tooBigDigest}", null))
        {
            await AssertQuotaAsync(put);
        }

        using (var after = await client.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{tooBigDigest}")))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Assert.Equal(3000, await StorageAsync(registry));

        // A blob the registry already holds adds nothing, so it may still be linked anywhere.
        await oci.PushBlobAsync(OciClient.NewRepo("quota"), first);
        Assert.Equal(3000, await StorageAsync(registry));
    }

    [Fact]
    public async Task Concurrent_pushes_never_take_the_registry_past_its_limit()
    {
        var registry = await server.CreateRegistryAsync(_api.Owner, "Basic");
        using var client = OwnerAt(registry);
        var oci = new OciClient(client);
        var repo = OciClient.NewRepo("quota");
        var blobs = Enumerable.Range(0, 8).Select(_ => OciClient.RandomBytes(1500)).ToList();

        var answers = await Task.WhenAll(blobs.Select(async blob =>
        {
            // Streamed (no Content-Length), so only the commit can refuse.
            using var content = new StreamContent(new MemoryStream(blob));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/{repo}/blobs/uploads/?digest={OciClient.Digest(blob)}") { Content = content };
            request.Headers.TransferEncodingChunked = true;
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                await AssertQuotaAsync(response);
            }

            return response.StatusCode == HttpStatusCode.Created;
        }));

        var stored = answers.Count(created => created);
        Assert.Equal(2, stored); // 2 x 1500 fit in 4096 bytes, a third does not
        Assert.Equal(stored * 1500L, await StorageAsync(registry));
        var visible = 0;
        foreach (var blob in blobs)
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{OciClient.Digest(blob)}"));
            visible += head.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(stored, visible);
    }

    [Fact]
    public async Task Usage_drops_when_gc_frees_space_and_a_sku_downgrade_waits_until_the_use_fits()
    {
        var registry = await server.CreateRegistryAsync(_api.Owner, "Standard");
        using var client = OwnerAt(registry);
        var oci = new OciClient(client);
        var repo = OciClient.NewRepo("quota");
        var (_, digest) = await oci.PushImageAsync(repo, "v1", layers: 2, layerSize: 3000);
        var used = await StorageAsync(registry);
        Assert.True(used > RegistryFixture.BasicStorage, $"used {used}");

        using (var down = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", new { sku = "Basic" }))
        {
            var body = await AuthApi.ExpectAsync(down, HttpStatusCode.Conflict);
            Assert.Contains("storage", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var unchanged = await _api.Owner.GetAsync($"/api/v1/registries/{registry}"))
        {
            Assert.Equal("Standard", (await AuthApi.ExpectAsync(unchanged, HttpStatusCode.OK)).GetProperty("sku").GetString());
        }

        using (var delete = await client.DeleteAsync($"/v2/{repo}/manifests/{digest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }

        await Wait.PastAsync(RegistryFixture.Grace);
        await GcResult.RunAsync(_api.Owner, dryRun: false);
        Assert.Equal(0, await StorageAsync(registry));

        using var fits = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", new { sku = "Basic" });
        Assert.Equal("Basic", (await AuthApi.ExpectAsync(fits, HttpStatusCode.OK)).GetProperty("sku").GetString());
        using var up = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", new { sku = "Premium" });
        Assert.Equal("Premium", (await AuthApi.ExpectAsync(up, HttpStatusCode.OK)).GetProperty("sku").GetString());
    }

    [Fact]
    public async Task Repository_token_count_is_limited_by_the_sku_and_usage_lists_every_limit()
    {
        var registry = await server.CreateRegistryAsync(_api.Owner, "Basic");
        for (var i = 0; i < RegistryFixture.BasicTokens; i++)
        {
            using var created = await _api.Owner.PostAsJsonAsync($"/api/v1/registries/{registry}/tokens", new { name = $"tok{i}", scopeMap = "_repositories_pull" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var refused = await _api.Owner.PostAsJsonAsync($"/api/v1/registries/{registry}/tokens", new { name = "onetoomany", scopeMap = "_repositories_pull" });
        await AuthApi.AssertApiErrorAsync(refused, HttpStatusCode.Conflict, "Conflict");
        using (var list = await _api.Owner.GetAsync($"/api/v1/registries/{registry}/tokens"))
        {
            Assert.Equal(RegistryFixture.BasicTokens, (await AuthApi.ExpectAsync(list, HttpStatusCode.OK)).GetArrayLength());
        }

        var usage = await RegistryFixture.UsageAsync(_api.Owner, registry);
        Assert.Equal((RegistryFixture.BasicStorage, 0L), (usage["Size"].Limit, usage["Size"].Current!.Value));
        Assert.Equal((2L, 0L), (usage["Webhooks"].Limit, usage["Webhooks"].Current!.Value));
        Assert.Equal(((long)RegistryFixture.BasicTokens, (long)RegistryFixture.BasicTokens), (usage["ScopeMapTokens"].Limit, usage["ScopeMapTokens"].Current!.Value));
        Assert.Equal((1000L, (long?)null), usage["ReadOperationsPerMinute"]);
        Assert.Equal((100L, (long?)null), usage["WriteOperationsPerMinute"]);

        // Tokens do not fit Basic's limit after a move up and back down with one more token.
        using (var up = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", new { sku = "Standard" }))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }

        using (var third = await _api.Owner.PostAsJsonAsync($"/api/v1/registries/{registry}/tokens", new { name = "third", scopeMap = "_repositories_pull" }))
        {
            Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        }

        using var down = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", new { sku = "Basic" });
        var body = await AuthApi.ExpectAsync(down, HttpStatusCode.Conflict);
        Assert.Contains("repository-scoped tokens", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertQuotaAsync(HttpResponseMessage response)
    {
        var error = await OciClient.ErrorAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("DENIED", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("storage quota exceeded", message, StringComparison.Ordinal);
        Assert.Contains($"{RegistryFixture.BasicStorage}-byte limit", message, StringComparison.Ordinal);
    }
}
