using System.Net;
using System.Net.Http.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Roles, repository tokens and identity state decide every data-plane request.</summary>
public sealed class AuthorizationTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);
    private readonly OciClient _owner = new(server.CreateClient());

    [Fact]
    public async Task AcrPull_cannot_push()
    {
        var repo = OciClient.NewRepo();
        var user = await _api.CreateUserAsync("AcrPull");
        using var client = server.CreateClient(user.Username, user.Password);
        using var response = await client.PostAsync($"/v2/{repo}/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains(user.Username, (await OciClient.ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcrDelete_cannot_pull_but_can_delete()
    {
        var repo = OciClient.NewRepo();
        var (_, digest) = await _owner.PushImageAsync(repo, "v1");
        var user = await _api.CreateUserAsync("AcrDelete");
        using var client = server.CreateClient(user.Username, user.Password);
        using var pull = await client.GetAsync($"/v2/{repo}/manifests/{digest}");
        await OciClient.AssertErrorAsync(pull, HttpStatusCode.Forbidden, "DENIED");
        using var delete = await client.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
    }

    [Fact]
    public async Task Reader_cannot_delete_but_can_pull()
    {
        var repo = OciClient.NewRepo();
        var (_, digest) = await _owner.PushImageAsync(repo, "v1");
        var user = await _api.CreateUserAsync("Reader");
        using var client = server.CreateClient(user.Username, user.Password);
        using var pull = await client.GetAsync($"/v2/{repo}/manifests/{digest}");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        using var delete = await client.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        await OciClient.AssertErrorAsync(delete, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task Role_at_repository_scope_covers_only_matching_repositories()
    {
        var prefix = "team" + Guid.NewGuid().ToString("N")[..8];
        var user = await _api.CreateUserAsync("AcrPush", $"/registries/default/repositories/{prefix}/*");
        var oci = new OciClient(server.CreateClient(user.Username, user.Password));
        await oci.PushImageAsync($"{prefix}/app", "v1");
        using var other = await oci.Http.PostAsync($"/v2/other{prefix}/app/blobs/uploads/", null);
        await OciClient.AssertErrorAsync(other, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task Repository_token_for_repo_A_cannot_reach_repo_B()
    {
        var (a, b) = (OciClient.NewRepo(), OciClient.NewRepo());
        await _owner.PushImageAsync(a, "v1");
        var (_, digestB) = await _owner.PushImageAsync(b, "v1");
        var token = await _api.CreateRepositoryTokenAsync($"repositories/{a}/content/read", $"repositories/{a}/metadata/read");

        using var basic = server.CreateClient(token.Username, token.Password);
        using (var okA = await basic.GetAsync($"/v2/{a}/tags/list"))
        {
            Assert.Equal(HttpStatusCode.OK, okA.StatusCode);
        }

        using (var deniedB = await basic.GetAsync($"/v2/{b}/manifests/{digestB}"))
        {
            await OciClient.AssertErrorAsync(deniedB, HttpStatusCode.Forbidden, "DENIED");
        }

        // A bearer token obtained for A, used on B: the token does not carry B and the live check denies it.
        var jwt = await _api.TokenAsync(token.Username, token.Password, $"repository:{a}:pull", $"repository:{b}:pull");
        Assert.Equal(["pull"], AuthApi.Actions(jwt, a));
        Assert.Empty(AuthApi.Actions(jwt, b));
        using var bearer = server.CreateBearerClient(jwt);
        using var viaBearer = await bearer.GetAsync($"/v2/{b}/manifests/{digestB}");
        await OciClient.AssertErrorAsync(viaBearer, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task A_token_carries_only_its_scopes_even_when_the_principal_has_more()
    {
        var (a, b) = (OciClient.NewRepo(), OciClient.NewRepo());
        var (_, digestB) = await _owner.PushImageAsync(b, "v1");
        var jwt = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, $"repository:{a}:pull");
        using var bearer = server.CreateBearerClient(jwt);
        using var response = await bearer.GetAsync($"/v2/{b}/manifests/{digestB}");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var challenge = response.Headers.WwwAuthenticate.Single().Parameter!;
        Assert.Contains($"scope=\"repository:{b}:pull\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_repository_token_stops_working()
    {
        var repo = OciClient.NewRepo();
        await _owner.PushImageAsync(repo, "v1");
        var token = await _api.CreateRepositoryTokenAsync($"repositories/{repo}/content/read", $"repositories/{repo}/metadata/read");
        var jwt = await _api.TokenAsync(token.Username, token.Password, $"repository:{repo}:pull");
        using var client = server.CreateClient(token.Username, token.Password);
        using (var ok = await client.GetAsync($"/v2/{repo}/tags/list"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var disable = await _api.Owner.PatchAsJsonAsync($"/api/v1/registries/default/tokens/{token.Username}", new { enabled = false }))
        {
            await AuthApi.ExpectAsync(disable, HttpStatusCode.OK);
        }

        using (var basic = await client.GetAsync($"/v2/{repo}/tags/list"))
        {
            await OciClient.AssertErrorAsync(basic, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using var bearer = await server.CreateBearerClient(jwt).GetAsync($"/v2/{repo}/tags/list");
        await OciClient.AssertErrorAsync(bearer, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var tokenService = await _api.RequestTokenAsync(token.Username, token.Password, $"repository:{repo}:pull");
        Assert.Equal(HttpStatusCode.Unauthorized, tokenService.StatusCode);
    }

    [Fact]
    public async Task Expired_service_principal_secret_is_refused()
    {
        var sp = await _api.CreateServicePrincipalAsync("AcrPull", secretLifetimeDays: 1.0 / 86_400);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var response = await _api.RequestTokenAsync(sp.Username, sp.Password, "repository:a/b:pull");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var client = server.CreateClient(sp.Username, sp.Password);
        using var direct = await client.GetAsync("/v2/");
        await OciClient.AssertErrorAsync(direct, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Deleted_users_still_valid_token_stops_working_immediately()
    {
        var repo = OciClient.NewRepo();
        await _owner.PushImageAsync(repo, "v1");
        var user = await _api.CreateUserAsync("AcrPull");
        var jwt = await _api.TokenAsync(user.Username, user.Password, $"repository:{repo}:pull");
        using var bearer = server.CreateBearerClient(jwt);
        using (var ok = await bearer.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var delete = await _api.Owner.DeleteAsync($"/api/v1/users/{user.Username}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var after = await bearer.GetAsync($"/v2/{repo}/manifests/v1");
        await OciClient.AssertErrorAsync(after, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Role_removed_mid_token_stops_the_action()
    {
        var repo = OciClient.NewRepo();
        await _owner.PushImageAsync(repo, "v1");
        var user = await _api.CreateUserAsync("AcrPull");
        var jwt = await _api.TokenAsync(user.Username, user.Password, $"repository:{repo}:pull");
        using var list = await _api.Owner.GetAsync($"/api/v1/role-assignments?principal={user.Id}");
        var id = (await AuthApi.ExpectAsync(list, HttpStatusCode.OK))[0].GetProperty("id").GetString();
        using (var remove = await _api.Owner.DeleteAsync($"/api/v1/role-assignments/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        }

        using var after = await server.CreateBearerClient(jwt).GetAsync($"/v2/{repo}/manifests/v1");
        await OciClient.AssertErrorAsync(after, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task Anonymous_pull_when_enabled_allows_pull_only()
    {
        var repo = OciClient.NewRepo();
        await _owner.PushImageAsync(repo, "v1");
        using (var enable = await _api.Owner.PatchAsJsonAsync("/api/v1/registries/default", new { anonymousPullEnabled = true }))
        {
            Assert.True((await AuthApi.ExpectAsync(enable, HttpStatusCode.OK)).GetProperty("anonymousPullEnabled").GetBoolean());
        }

        try
        {
            using var anonymous = server.CreateAnonymousClient();
            using (var pull = await anonymous.GetAsync($"/v2/{repo}/manifests/v1"))
            {
                Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
            }

            using (var push = await anonymous.PostAsync($"/v2/{repo}/blobs/uploads/", null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
            }

            using (var root = await anonymous.GetAsync("/v2/"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, root.StatusCode); // clients learn here where to get tokens
            }

            var jwt = await _api.TokenAsync(null, null, $"repository:{repo}:pull,push");
            Assert.Equal(["pull"], AuthApi.Actions(jwt, repo));
            using var withToken = server.CreateBearerClient(jwt);
            using var rootWithToken = await withToken.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.OK, rootWithToken.StatusCode);
        }
        finally
        {
            using var disable = await _api.Owner.PatchAsJsonAsync("/api/v1/registries/default", new { anonymousPullEnabled = false });
        }
    }
}
