using System.Net;
using Berth.Integration.Tests.Auth;

namespace Berth.Integration.Tests.Webhooks;

/// <summary>The SKU's webhook count and the address guard as production runs it (no loopback).</summary>
public sealed class WebhookLimitTests(WebhookLimitFixture server) : IClassFixture<WebhookLimitFixture>
{
    private readonly HooksApi _api = new(server);

    private static Uri Allowed => new($"http://{WebhookLimitFixture.AllowedHost}/hook");

    [Fact]
    public async Task The_SKU_limits_the_webhook_count_and_deleting_one_makes_room()
    {
        var names = new List<string>();
        for (var i = 0; i < WebhookLimitFixture.Limit; i++)
        {
            names.Add(HooksApi.NewName());
            await _api.CreateAsync(names[^1], Allowed, ["push"]);
        }

        using (var over = await _api.PostAsync(new { name = HooksApi.NewName(), serviceUri = Allowed.ToString(), actions = new[] { "push" } }))
        {
            await AuthApi.AssertApiErrorAsync(over, HttpStatusCode.Conflict, "QuotaExceeded");
        }

        Assert.Equal(WebhookLimitFixture.Limit, (await _api.GetAsync("")).GetArrayLength());
        using (var deleted = await _api.Owner.DeleteAsync($"{HooksApi.Base}/{names[0]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await _api.CreateAsync(HooksApi.NewName(), Allowed, ["delete"]);
        foreach (var name in (await _api.GetAsync("")).EnumerateArray().Select(w => w.GetProperty("name").GetString()))
        {
            using var cleanup = await _api.Owner.DeleteAsync($"{HooksApi.Base}/{name}");
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_webhook_endpoints()
    {
        using var response = await server.CreateAnonymousClient().GetAsync("/api/v1/openapi.json");
        var paths = (await AuthApi.ExpectAsync(response, HttpStatusCode.OK)).GetProperty("paths");
        foreach (var path in new[] { "", "/{name}", "/{name}/ping", "/{name}/events" })
        {
            Assert.True(paths.TryGetProperty("/api/v1/registries/{registry}/webhooks" + path, out _), $"no webhooks{path} in the OpenAPI document");
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task Internal_addresses_are_refused_without_the_allow_setting(string uri)
    {
        using var response = await _api.PostAsync(new { name = HooksApi.NewName(), serviceUri = uri, actions = new[] { "push" } });
        await AuthApi.AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal(0, (await _api.GetAsync("")).EnumerateArray().Count(w => w.GetProperty("serviceUri").GetString() == uri));
    }
}
