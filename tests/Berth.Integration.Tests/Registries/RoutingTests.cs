using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Registries;

/// <summary>The Host header picks the registry; credentials and tokens of one registry are worthless at another.</summary>
public sealed class RoutingTests(RegistryFixture server) : IClassFixture<RegistryFixture>
{
    private readonly AuthApi _api = new(server);

    [Fact]
    public async Task Each_login_server_sees_only_its_own_content_and_other_hosts_reach_the_default_registry()
    {
        var name = await server.CreateRegistryAsync(_api.Owner);
        var host = server.HostOf(name);
        using var owner = server.ClientFor(host, BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        var repo = OciClient.NewRepo("routing");
        var (_, digest) = await new OciClient(owner).PushImageAsync(repo, "v1");

        using (var there = await owner.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.OK, there.StatusCode);
        }

        // The port is ignored and host names compare without case.
        using (var upper = server.ClientFor(host.ToUpperInvariant().Replace($":{server.BaseAddress.Port}", string.Empty, StringComparison.Ordinal), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword))
        using (var same = await upper.GetAsync($"/v2/{repo}/manifests/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }

        using (var viaDefault = await _api.Owner.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            await OciClient.AssertErrorAsync(viaDefault, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        using var unknownHost = server.ClientFor($"elsewhere.example:{server.BaseAddress.Port}", BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        var defaultRepo = OciClient.NewRepo("routing");
        await new OciClient(_api.Owner).PushImageAsync(defaultRepo, "v1");
        using var fallback = await unknownHost.GetAsync($"/v2/{defaultRepo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
    }

    [Fact]
    public async Task The_challenge_names_the_login_servers_realm_and_service()
    {
        var name = await server.CreateRegistryAsync(_api.Owner);
        var host = server.HostOf(name);
        using var anonymous = server.ClientFor(host);

        using var response = await anonymous.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains($"realm=\"http://{host}/oauth2/token\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"service=\"{host}\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_of_one_registry_is_rejected_at_another()
    {
        var a = await server.CreateRegistryAsync(_api.Owner);
        var b = await server.CreateRegistryAsync(_api.Owner);
        var repo = OciClient.NewRepo("iso");
        using (var pushA = server.ClientFor(server.HostOf(a), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword))
        using (var pushB = server.ClientFor(server.HostOf(b), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword))
        {
            await new OciClient(pushA).PushImageAsync(repo, "v1");
            await new OciClient(pushB).PushImageAsync(repo, "v1");
        }

        using var loginA = server.ClientFor(server.HostOf(a), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        var token = await RegistryFixture.TokenAtAsync(loginA, server.HostOf(a), $"repository:{repo}:pull");
        Assert.Equal(200, (int)(await SendBearerAsync(server.HostOf(a), token, $"/v2/{repo}/manifests/v1")).StatusCode);

        // Same audience trick: even presented with B's host the token names registry A.
        using var atB = await SendBearerAsync(server.HostOf(b), token, $"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, atB.StatusCode);
        using var atDefault = await SendBearerAsync($"127.0.0.1:{server.BaseAddress.Port}", token, $"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, atDefault.StatusCode);
    }

    [Fact]
    public async Task Repository_tokens_and_the_admin_user_of_one_registry_cannot_use_another()
    {
        var a = await server.CreateRegistryAsync(_api.Owner, adminUserEnabled: false);
        var b = await server.CreateRegistryAsync(_api.Owner);
        var repo = OciClient.NewRepo("iso");
        foreach (var registry in new[] { a, b })
        {
            using var push = server.ClientFor(server.HostOf(registry), BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
            await new OciClient(push).PushImageAsync(repo, "v1");
        }

        var tokenPassword = await CreateTokenAsync(a, "tokena1", "_repositories_pull");
        using var enable = await _api.Owner.PostAsync($"/api/v1/registries/{a}/admin/enable", null);
        var admin = await AuthApi.ExpectAsync(enable, HttpStatusCode.OK);
        var adminPassword = admin.GetProperty("newPasswords").GetProperty("password").GetString()!;

        foreach (var (username, password) in new[] { ("tokena1", tokenPassword), (a, adminPassword) })
        {
            using var home = server.ClientFor(server.HostOf(a), username, password);
            Assert.Equal(HttpStatusCode.OK, (await home.GetAsync($"/v2/{repo}/manifests/v1")).StatusCode);

            using var away = server.ClientFor(server.HostOf(b), username, password);
            using var refused = await away.GetAsync($"/v2/{repo}/manifests/v1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var noToken = await away.GetAsync($"/oauth2/token?service={Uri.EscapeDataString(server.HostOf(b))}&scope=repository:{repo}:pull");
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        // A bearer token the repository token got at home is no good away either.
        using var tokenHome = server.ClientFor(server.HostOf(a), "tokena1", tokenPassword);
        var bearer = await RegistryFixture.TokenAtAsync(tokenHome, server.HostOf(a), $"repository:{repo}:pull");
        using var bearerAway = await SendBearerAsync(server.HostOf(b), bearer, $"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, bearerAway.StatusCode);
    }

    private async Task<string> CreateTokenAsync(string registry, string name, string scopeMap)
    {
        using var response = await _api.Owner.PostAsJsonAsync($"/api/v1/registries/{registry}/tokens", new { name, scopeMap });
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.Created);
        return body.GetProperty("password").GetString()!;
    }

    private async Task<HttpResponseMessage> SendBearerAsync(string host, string token, string path)
    {
        using var client = server.ClientFor(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
