using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Test helpers over the real management API and token service, acting as the fixture's Owner.</summary>
public sealed class AuthApi(BerthServerFixture server)
{
    private readonly HttpClient _owner = server.CreateClient();

    public HttpClient Owner => _owner;

    public sealed record Identity(string Id, string Username, string Password);

    /// <summary>A new user, optionally with a role at a scope (server "/" by default).</summary>
    public async Task<Identity> CreateUserAsync(string? role = null, string scope = "/")
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..12];
        using var response = await _owner.PostAsJsonAsync("/api/v1/users", new { username });
        var body = await ExpectAsync(response, HttpStatusCode.Created);
        var user = new Identity(body.GetProperty("id").GetString()!, username, body.GetProperty("password").GetString()!);
        if (role is not null)
        {
            await AssignAsync(user.Id, role, scope);
        }

        return user;
    }

    public async Task AssignAsync(string principal, string role, string scope)
    {
        using var response = await _owner.PostAsJsonAsync("/api/v1/role-assignments", new { principal, role, scope });
        await ExpectAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A service principal; its app id is the username for Basic credentials.</summary>
    public async Task<Identity> CreateServicePrincipalAsync(string? role = null, string scope = "/", double? secretLifetimeDays = null)
    {
        var name = "sp" + Guid.NewGuid().ToString("N")[..12];
        using var response = await _owner.PostAsJsonAsync("/api/v1/service-principals", new { name, secretLifetimeDays });
        var body = await ExpectAsync(response, HttpStatusCode.Created);
        var sp = new Identity(body.GetProperty("id").GetString()!, body.GetProperty("appId").GetString()!, body.GetProperty("secret").GetString()!);
        if (role is not null)
        {
            await AssignAsync(sp.Id, role, scope);
        }

        return sp;
    }

    /// <summary>A repository token of the default registry with a new scope map holding <paramref name="actions"/>.</summary>
    public async Task<Identity> CreateRepositoryTokenAsync(params string[] actions)
    {
        var map = "map" + Guid.NewGuid().ToString("N")[..10];
        using (var response = await _owner.PostAsJsonAsync("/api/v1/registries/default/scope-maps", new { name = map, actions }))
        {
            await ExpectAsync(response, HttpStatusCode.Created);
        }

        var name = "tok" + Guid.NewGuid().ToString("N")[..10];
        using var created = await _owner.PostAsJsonAsync("/api/v1/registries/default/tokens", new { name, scopeMap = map });
        var body = await ExpectAsync(created, HttpStatusCode.Created);
        return new Identity(body.GetProperty("id").GetString()!, name, body.GetProperty("password").GetString()!);
    }

    public async Task SetAttributesAsync(object body)
    {
        using var response = await _owner.PatchAsJsonAsync("/api/v1/registries/default/attributes", body);
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary><c>GET /oauth2/token</c> with Basic credentials (or none) for the given scopes.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string? username, string? password, params string[] scopes)
    {
        var query = string.Join("&", scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/oauth2/token?service={Uri.EscapeDataString(Service)}&{query}");
        if (username is not null)
        {
            request.Headers.Authorization = BerthServerFixture.Basic(username, password!);
        }

        using var client = server.CreateAnonymousClient();
        return await client.SendAsync(request);
    }

    /// <summary>An access token for the scopes; asserts the token service answered 200.</summary>
    public async Task<string> TokenAsync(string? username, string? password, params string[] scopes)
    {
        using var response = await RequestTokenAsync(username, password, scopes);
        var body = await ExpectAsync(response, HttpStatusCode.OK);
        return body.GetProperty("token").GetString()!;
    }

    public string Service => $"{server.BaseAddress.Host}:{server.BaseAddress.Port}";

    /// <summary>The <c>access</c> claim of a JWT, decoded without verification (the test inspects what it was given).</summary>
    public static JsonElement Claims(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index)
    {
        var payload = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
        return doc.RootElement.Clone();
    }

    public static IReadOnlyList<string> Actions(string jwt, string repository) =>
        Claims(jwt).GetProperty("access").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "repository" && a.GetProperty("name").GetString() == repository)
            .SelectMany(a => a.GetProperty("actions").EnumerateArray().Select(x => x.GetString()!))
            .ToList();

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a management API error: status, code, and a message.</summary>
    public static async Task AssertApiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await ExpectAsync(response, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
