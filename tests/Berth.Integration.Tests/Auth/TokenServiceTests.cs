using System.Net;
using System.Net.Http.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>The token service: GET with Basic, POST password and refresh grants, scope intersection, identity tokens.</summary>
public sealed class TokenServiceTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private const string ZeroUser = "00000000-0000-0000-0000-000000000000";
    private readonly AuthApi _api = new(server);

    [Fact]
    public async Task Get_token_with_basic_credentials_then_push_and_pull_with_the_bearer_token()
    {
        var repo = OciClient.NewRepo();
        using var response = await _api.RequestTokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, $"repository:{repo}:pull,push");
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(token, body.GetProperty("access_token").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt32());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("issued_at").GetString(), out _));
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal(["pull", "push"], AuthApi.Actions(token, repo));

        var claims = AuthApi.Claims(token);
        Assert.Equal("berth", claims.GetProperty("iss").GetString());
        Assert.Equal(_api.Service, claims.GetProperty("aud").GetString());
        Assert.StartsWith("usr_", claims.GetProperty("sub").GetString(), StringComparison.Ordinal);
        foreach (var claim in new[] { "exp", "nbf", "iat", "jti" })
        {
            Assert.True(claims.TryGetProperty(claim, out _), claim);
        }

        var header = AuthApi.Header(token);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("kid").GetString()));

        var oci = new OciClient(server.CreateBearerClient(token));
        var (_, digest) = await oci.PushImageAsync(repo, "v1");
        using var pulled = await oci.Http.GetAsync($"/v2/{repo}/manifests/{digest}");
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
    }

    [Fact]
    public async Task Multiple_scopes_and_catalog_are_granted_together()
    {
        var (a, b) = (OciClient.NewRepo(), OciClient.NewRepo());
        var token = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, $"repository:{a}:pull", $"repository:{b}:push,pull,delete", "registry:catalog:*");
        Assert.Equal(["pull"], AuthApi.Actions(token, a));
        Assert.Equal(["pull", "push", "delete"], AuthApi.Actions(token, b));
        using var catalog = await server.CreateBearerClient(token).GetAsync("/v2/_catalog");
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
    }

    [Fact]
    public async Task AcrPull_asking_for_pull_and_push_gets_only_pull()
    {
        var repo = OciClient.NewRepo();
        var user = await _api.CreateUserAsync("AcrPull");
        var token = await _api.TokenAsync(user.Username, user.Password, $"repository:{repo}:pull,push");
        Assert.Equal(["pull"], AuthApi.Actions(token, repo));

        using var push = await server.CreateBearerClient(token).PostAsync($"/v2/{repo}/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(push, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task No_credentials_give_an_anonymous_token_without_access_when_anonymous_pull_is_off()
    {
        var repo = OciClient.NewRepo();
        var token = await _api.TokenAsync(null, null, $"repository:{repo}:pull");
        Assert.Empty(AuthApi.Actions(token, repo));
        Assert.Equal("anonymous", AuthApi.Claims(token).GetProperty("sub").GetString());
        using var response = await server.CreateBearerClient(token).GetAsync($"/v2/{repo}/tags/list");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Wrong_password_at_the_token_service_is_401()
    {
        using var response = await _api.RequestTokenAsync(BerthServerFixture.OwnerUsername, "wrong-password-here", "repository:x/y:pull");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Malformed_scope_and_foreign_service_are_400()
    {
        using var bad = await _api.RequestTokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, "repository:onlyname");
        await OciClient.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        using var client = server.CreateAnonymousClient();
        using var foreign = await client.GetAsync("/oauth2/token?service=elsewhere.example&scope=repository:a/b:pull");
        await OciClient.AssertErrorAsync(foreign, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task Post_password_grant_with_offline_access_returns_a_refresh_token_that_refreshes()
    {
        var repo = OciClient.NewRepo();
        var user = await _api.CreateUserAsync("AcrPush");
        using var client = server.CreateAnonymousClient();
        using var login = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["service"] = _api.Service,
            ["scope"] = $"repository:{repo}:pull,push",
            ["access_type"] = "offline",
            ["client_id"] = "berth-tests",
        }));
        var body = await AuthApi.ExpectAsync(login, HttpStatusCode.OK);
        var refresh = body.GetProperty("refresh_token").GetString()!;
        Assert.Equal("refresh", AuthApi.Header(refresh).GetProperty("typ").GetString());
        Assert.Equal(["pull", "push"], AuthApi.Actions(body.GetProperty("access_token").GetString()!, repo));
        var lifetime = AuthApi.Claims(refresh).GetProperty("exp").GetInt64() - AuthApi.Claims(refresh).GetProperty("iat").GetInt64();
        Assert.Equal(3 * 3600, lifetime);

        using var refreshed = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["service"] = _api.Service,
            ["scope"] = $"repository:{repo}:pull repository:{repo}:push",
        }));
        var again = await AuthApi.ExpectAsync(refreshed, HttpStatusCode.OK);
        Assert.Equal(["pull", "push"], AuthApi.Actions(again.GetProperty("access_token").GetString()!, repo));
        Assert.False(again.TryGetProperty("refresh_token", out _)); // a refresh token never extends itself

        // Docker and podman send the refresh token as the password of the all-zero username.
        var viaBasic = await _api.TokenAsync(ZeroUser, refresh, $"repository:{repo}:pull");
        Assert.Equal(["pull"], AuthApi.Actions(viaBasic, repo));
        var oci = new OciClient(server.CreateClient(ZeroUser, refresh));
        await oci.PushImageAsync(repo, "direct");
    }

    [Fact]
    public async Task Get_with_offline_token_returns_a_refresh_token()
    {
        using var response = await _api.RequestTokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        Assert.False((await AuthApi.ExpectAsync(response, HttpStatusCode.OK)).TryGetProperty("refresh_token", out _));
        using var client = server.CreateClient();
        using var offline = await client.GetAsync($"/oauth2/token?service={_api.Service}&offline_token=true&client_id=docker");
        Assert.False(string.IsNullOrEmpty((await AuthApi.ExpectAsync(offline, HttpStatusCode.OK)).GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task Invalid_grants_are_rejected()
    {
        using var client = server.CreateAnonymousClient();
        using var badRefresh = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        }));
        await OciClient.AssertErrorAsync(badRefresh, HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        using var unknown = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        await OciClient.AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "INVALID_REQUEST");

        // An access token is no refresh token.
        var access = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, "repository:a/b:pull");
        using var confused = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = access,
        }));
        await OciClient.AssertErrorAsync(confused, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Service_principal_logs_in_with_app_id_and_secret()
    {
        var repo = OciClient.NewRepo();
        var sp = await _api.CreateServicePrincipalAsync("AcrPush");
        var token = await _api.TokenAsync(sp.Username, sp.Password, $"repository:{repo}:push,pull");
        Assert.Equal(["pull", "push"], AuthApi.Actions(token, repo));
        await new OciClient(server.CreateBearerClient(token)).PushImageAsync(repo, "ci");
    }

    [Fact]
    public async Task Management_scope_is_granted_to_users_but_not_to_repository_tokens()
    {
        var user = await _api.CreateUserAsync("Reader");
        var token = await _api.TokenAsync(user.Username, user.Password, "management");
        Assert.Contains(AuthApi.Claims(token).GetProperty("access").EnumerateArray(), a => a.GetProperty("type").GetString() == "management");

        var repoToken = await _api.CreateRepositoryTokenAsync("repositories/x/*/content/read");
        var notForIt = await _api.TokenAsync(repoToken.Username, repoToken.Password, "management");
        Assert.Empty(AuthApi.Claims(notForIt).GetProperty("access").EnumerateArray());
    }

    [Fact]
    public async Task Token_response_is_not_cacheable()
    {
        using var response = await _api.RequestTokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, "repository:a/b:pull");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        _ = await response.Content.ReadFromJsonAsync<object>();
    }
}
