using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Limits;

/// <summary>Registries, network rules and the audit log through the real management API, as the fixture's Owner.</summary>
public sealed class RegistryApi(BerthServerFixture server)
{
    public HttpClient Owner { get; } = server.CreateClient();

    /// <summary>A new registry of <paramref name="sku"/>; returns its name.</summary>
    public async Task<string> CreateAsync(string sku)
    {
        var name = "lim" + Guid.NewGuid().ToString("N")[..12];
        using var response = await Owner.PostAsJsonAsync("/api/v1/registries", new { name, sku });
        await AuthApi.ExpectAsync(response, HttpStatusCode.Created);
        return name;
    }

    /// <summary>A client of the registry's data plane: the Owner's credentials, Host = its login server.</summary>
    public HttpClient DataPlane(string registry, bool anonymous = false)
    {
        var client = anonymous ? server.CreateAnonymousClient() : server.CreateClient();
        client.DefaultRequestHeaders.Host = LoginServer(registry);
        return client;
    }

    public static string LoginServer(string registry) => $"{registry}.registry.local";

    public Task<HttpResponseMessage> PatchAsync(string registry, object body) => Owner.PatchAsJsonAsync($"/api/v1/registries/{registry}", body);

    public Task<HttpResponseMessage> AddRangeAsync(string registry, string range) =>
        Owner.PostAsJsonAsync($"/api/v1/registries/{registry}/network-rules/ip-rules", new { ipAddress = range });

    public Task<HttpResponseMessage> RemoveRangeAsync(string registry, string range) =>
        Owner.DeleteAsync($"/api/v1/registries/{registry}/network-rules/ip-rules?ipAddress={Uri.EscapeDataString(range)}");

    /// <summary>Replaces the registry's network rule set; asserts 200.</summary>
    public async Task SetRulesAsync(string registry, string defaultAction, bool publicNetworkAccess, params string[] ipRules)
    {
        using var response = await PatchAsync(registry, new { networkRuleSet = new { defaultAction, publicNetworkAccess, ipRules } });
        await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> GetAsync(string registry)
    {
        using var response = await Owner.GetAsync($"/api/v1/registries/{registry}");
        return await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Every audit entry, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditAsync()
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            using var response = await Owner.GetAsync($"/api/v1/audit?after={after}&limit=1000");
            var page = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
            var entries = page.EnumerateArray().ToList();
            if (entries.Count == 0)
            {
                return all;
            }

            all.AddRange(entries);
            after = entries[^1].GetProperty("sequence").GetInt64();
        }
    }

    /// <summary>The registry-format error code of a response (<c>{"errors":[{"code"}]}</c>).</summary>
    public static async Task<(string Code, string Message)> OciErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        var error = doc.RootElement.GetProperty("errors")[0];
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }
}
