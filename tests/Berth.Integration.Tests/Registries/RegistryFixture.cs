using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Registries;

/// <summary>
/// A server with login servers under <see cref="Domain"/>, a tiny Basic tier (<see cref="BasicStorage"/> bytes,
/// <see cref="BasicTokens"/> repository tokens) and a short GC grace period, so limits and deletes are quick to reach.
/// </summary>
public sealed class RegistryFixture : BerthServerFixture
{
    public const string Domain = "registry.test";
    public const long BasicStorage = 4096;
    public const int BasicTokens = 2;
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Registries:Domain"] = Domain,
        ["Berth:Skus:Basic:IncludedStorageBytes"] = BasicStorage.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Skus:Basic:RepositoryTokens"] = BasicTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Gc:GracePeriod"] = Grace.ToString(),
    };

    /// <summary>The login server of <paramref name="name"/> with the fixture's port, as a client would send it.</summary>
    public string HostOf(string name) => $"{name.ToLowerInvariant()}.{Domain}:{BaseAddress.Port}";

    /// <summary>A client that sends every request with Host <paramref name="host"/> (and Basic credentials when given).</summary>
    public HttpClient ClientFor(string host, string? username = null, string? password = null)
    {
        var client = new HttpClient(new HostHandler(host) { InnerHandler = new HttpClientHandler() }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (username is not null)
        {
            client.DefaultRequestHeaders.Authorization = Basic(username, password!);
        }

        return client;
    }

    /// <summary>Creates a registry with a fresh name through the management API; returns its name.</summary>
    public async Task<string> CreateRegistryAsync(HttpClient owner, string sku = "Standard", bool adminUserEnabled = false)
    {
        var name = "reg" + Guid.NewGuid().ToString("N")[..12];
        using var response = await owner.PostAsJsonAsync("/api/v1/registries", new { name, sku, adminUserEnabled });
        await AuthApi.ExpectAsync(response, HttpStatusCode.Created);
        return name;
    }

    /// <summary>An access token from the token service of <paramref name="host"/>.</summary>
    public static async Task<string> TokenAtAsync(HttpClient hostClient, string host, params string[] scopes)
    {
        var query = string.Join("&", scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        using var response = await hostClient.GetAsync($"/oauth2/token?service={Uri.EscapeDataString(host)}&{query}");
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>The registry's usage rows by name: (limit, current value).</summary>
    public static async Task<Dictionary<string, (long Limit, long? Current)>> UsageAsync(HttpClient owner, string registry)
    {
        using var response = await owner.GetAsync($"/api/v1/registries/{registry}/usage");
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        return body.GetProperty("value").EnumerateArray().ToDictionary(
            u => u.GetProperty("name").GetString()!,
            u => (u.GetProperty("limit").GetInt64(), u.GetProperty("currentValue").ValueKind == JsonValueKind.Null ? (long?)null : u.GetProperty("currentValue").GetInt64()));
    }

    private sealed class HostHandler(string host) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = host;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
