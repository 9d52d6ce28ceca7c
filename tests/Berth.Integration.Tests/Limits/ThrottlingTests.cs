using System.Net;
using System.Net.Http.Json;
using Berth.Core.Errors;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Limits;

/// <summary>A server with tiny operation rates, so a test reaches them in a handful of requests.</summary>
public sealed class ThrottleFixture : BerthServerFixture
{
    public const int BasicReads = 4;
    public const int BasicWrites = 3;
    public const int StandardReads = 8;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Skus:Basic:ReadOperationsPerMinute"] = BasicReads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Skus:Basic:WriteOperationsPerMinute"] = BasicWrites.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Skus:Standard:ReadOperationsPerMinute"] = StandardReads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Skus:Standard:WriteOperationsPerMinute"] = "6",
    };
}

/// <summary>SKU read and write rates per registry: 429 TOOMANYREQUESTS with Retry-After, separately counted, live SKU changes.</summary>
public sealed class ThrottlingTests(ThrottleFixture server) : IClassFixture<ThrottleFixture>
{
    private readonly RegistryApi _api = new(server);

    [Fact]
    public async Task Reads_over_the_SKU_rate_get_429_with_Retry_After_and_the_spec_code()
    {
        var registry = await _api.CreateAsync("Basic");
        using var client = _api.DataPlane(registry);
        for (var i = 0; i < ThrottleFixture.BasicReads; i++)
        {
            using var read = await client.GetAsync("/v2/app/manifests/latest");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using var refused = await client.GetAsync("/v2/app/tags/list");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(seconds);
        Assert.InRange(seconds.Value.TotalSeconds, 1, 60);
        var (code, message) = await RegistryApi.OciErrorAsync(refused);
        Assert.Equal(ErrorCodes.TooManyRequests.Code, code);
        Assert.Contains("read operations per minute", message, StringComparison.Ordinal);
        Assert.Contains(registry, message, StringComparison.Ordinal);

        using var head = new HttpRequestMessage(HttpMethod.Head, "/v2/app/blobs/sha256:" + new string('a', 64));
        using var headRefused = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.TooManyRequests, headRefused.StatusCode);
    }

    [Fact]
    public async Task The_API_base_and_requests_refused_before_authorization_do_not_count()
    {
        var registry = await _api.CreateAsync("Basic");
        using var client = _api.DataPlane(registry);
        using var anonymous = _api.DataPlane(registry, anonymous: true);
        for (var i = 0; i < ThrottleFixture.BasicReads * 3; i++)
        {
            using var ping = await client.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            using var unauthenticated = await anonymous.GetAsync("/v2/app/manifests/latest");
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        await UseUpReadsAsync(client, ThrottleFixture.BasicReads);
        using var stillServed = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
    }

    [Fact]
    public async Task Writes_have_their_own_rate_and_do_not_use_up_reads()
    {
        var registry = await _api.CreateAsync("Basic");
        using var client = _api.DataPlane(registry);
        for (var i = 0; i < ThrottleFixture.BasicWrites; i++)
        {
            using var start = await client.PostAsync("/v2/app/blobs/uploads/", null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        using var refused = await client.PostAsync("/v2/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var (code, message) = await RegistryApi.OciErrorAsync(refused);
        Assert.Equal(ErrorCodes.TooManyRequests.Code, code);
        Assert.Contains("write operations per minute", message, StringComparison.Ordinal);

        using var delete = await client.DeleteAsync("/v2/app/manifests/sha256:" + new string('b', 64));
        Assert.Equal(HttpStatusCode.TooManyRequests, delete.StatusCode);

        using var read = await client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_throttled_registry_does_not_slow_another_one()
    {
        var busy = await _api.CreateAsync("Basic");
        var quiet = await _api.CreateAsync("Basic");
        using var busyClient = _api.DataPlane(busy);
        using var quietClient = _api.DataPlane(quiet);
        await UseUpReadsAsync(busyClient, ThrottleFixture.BasicReads);
        await UseUpReadsAsync(quietClient, ThrottleFixture.BasicReads);
    }

    [Fact]
    public async Task Moving_to_a_higher_SKU_raises_the_rate_without_a_restart()
    {
        var registry = await _api.CreateAsync("Basic");
        using var client = _api.DataPlane(registry);
        await UseUpReadsAsync(client, ThrottleFixture.BasicReads);
        using (var upgrade = await _api.PatchAsync(registry, new { sku = "Standard" }))
        {
            await AuthApi.ExpectAsync(upgrade, HttpStatusCode.OK);
        }

        await UseUpReadsAsync(client, ThrottleFixture.StandardReads);
    }

    [Fact]
    public async Task The_management_API_is_not_throttled_by_the_registry_rates()
    {
        var registry = await _api.CreateAsync("Basic");
        for (var i = 0; i < ThrottleFixture.BasicReads + ThrottleFixture.BasicWrites + 2; i++)
        {
            using var read = await _api.Owner.GetAsync($"/api/v1/registries/{registry}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            using var write = await _api.PatchAsync(registry, new { tags = new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }
    }

    [Fact]
    public async Task Pushing_an_image_within_the_rate_works_on_a_throttled_registry()
    {
        var registry = await _api.CreateAsync("Standard");
        using var client = _api.DataPlane(registry);
        var config = "{}"u8.ToArray();
        using (var blob = await client.PostAsync($"/v2/app/blobs/uploads/?digest={OciClient.Digest(config)}", new ByteArrayContent(config)))
        {
            Assert.Equal(HttpStatusCode.Created, blob.StatusCode);
        }

        var manifest = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{OciClient.Digest(config)}}","size":{{config.Length}}},"layers":[]}""");
        using (var put = await new OciClient(client).PutManifestAsync("app", "v1", manifest, "application/vnd.oci.image.manifest.v1+json"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var pulled = await client.GetAsync("/v2/app/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        Assert.Equal(manifest, await pulled.Content.ReadAsByteArrayAsync());
    }

    // Exactly `reads` reads are served (404: nothing is pushed), and the next one is refused.
    private static async Task UseUpReadsAsync(HttpClient client, int reads)
    {
        for (var i = 0; i < reads; i++)
        {
            using var read = await client.GetAsync("/v2/app/manifests/latest");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using var refused = await client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }
}
