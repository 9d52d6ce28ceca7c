using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Webhooks;

/// <summary>
/// A server whose webhooks may call loopback receivers, with retries a fraction of a second apart and room for many
/// webhooks (whatever the default registry's SKU). Tests use their own repositories and scopes, so they do not
/// see each other's events.
/// </summary>
public sealed class WebhookFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(WebhookSettings.Fast(allowLoopback: true))
    {
        ["Berth:Skus:Basic:Webhooks"] = "100",
        ["Berth:Skus:Standard:Webhooks"] = "100",
        ["Berth:Skus:Premium:Webhooks"] = "100",
    };
}

/// <summary>A server with the production address guard (no loopback) and every SKU limited to two webhooks.</summary>
public sealed class WebhookLimitFixture : BerthServerFixture
{
    public const int Limit = 2;

    /// <summary>Exempt from the address check, so webhooks can be created without a reachable receiver.</summary>
    public const string AllowedHost = "receiver.test";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(WebhookSettings.Fast(allowLoopback: false))
    {
        ["Berth:Webhooks:AllowedHosts:0"] = AllowedHost,
        ["Berth:Skus:Basic:Webhooks"] = "2",
        ["Berth:Skus:Standard:Webhooks"] = "2",
        ["Berth:Skus:Premium:Webhooks"] = "2",
    };
}

public static class WebhookSettings
{
    public static Dictionary<string, string?> Fast(bool allowLoopback) => new()
    {
        ["Berth:Webhooks:AllowLoopback"] = allowLoopback ? "true" : "false",
        ["Berth:Webhooks:RetryDelay"] = "00:00:00.200",
        ["Berth:Webhooks:MaxRetryDelay"] = "00:00:01",
        ["Berth:Webhooks:RetryPollInterval"] = "00:00:00.200",
        ["Berth:Webhooks:Timeout"] = "00:00:05",
        ["Berth:Events:PollInterval"] = "00:00:01",
    };
}

/// <summary>Webhook calls of the management API as the Owner.</summary>
public sealed class HooksApi(BerthServerFixture server)
{
    public const string Base = "/api/v1/registries/default/webhooks";

    public HttpClient Owner { get; } = server.CreateClient();

    public OciClient Oci { get; } = new(server.CreateClient());

    public static string NewName() => "hook" + Guid.NewGuid().ToString("N")[..12];

    public Task<HttpResponseMessage> PostAsync(object body) => Owner.PostAsJsonAsync(Base, body);

    /// <summary>Creates a webhook and returns the creation response (with its secret).</summary>
    public async Task<JsonElement> CreateAsync(string name, Uri uri, string[] actions, string? scope = null, string? format = null, Dictionary<string, string>? headers = null, string? status = null)
    {
        using var response = await PostAsync(new { name, serviceUri = uri.ToString(), actions, scope, format, customHeaders = headers, status });
        return await AuthApi.ExpectAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Owner.GetAsync(Base + path);
        return await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> PatchAsync(string name, object body)
    {
        using var response = await Owner.PatchAsJsonAsync(Base + "/" + name, body);
        return await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Waits until the webhook's log shows <paramref name="count"/> deliveries matching <paramref name="filter"/>.</summary>
    public async Task<List<JsonElement>> WaitForLogAsync(string name, int count, Func<JsonElement, bool> filter)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var log = (await GetAsync($"/{name}/events")).EnumerateArray().Where(filter).ToList();
            if (log.Count >= count)
            {
                return log;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the delivery log of {name} shows {log.Count} of {count} expected entries");
            await Task.Delay(100);
        }
    }
}
