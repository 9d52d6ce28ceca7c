using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>The management API: authentication, authorization per the role matrix, error format, OpenAPI.</summary>
public sealed class ManagementApiTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);

    [Fact]
    public async Task Unauthenticated_calls_get_401_with_a_challenge_and_error_body()
    {
        using var client = server.CreateAnonymousClient();
        using var response = await client.GetAsync("/api/v1/users");
        await AuthApi.AssertApiErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("scope=\"management\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcrPush_user_cannot_create_users()
    {
        var pusher = await _api.CreateUserAsync("AcrPush");
        using var client = server.CreateClient(pusher.Username, pusher.Password);
        using var response = await client.PostAsJsonAsync("/api/v1/users", new { username = "blocked" + Guid.NewGuid().ToString("N")[..6] });
        await AuthApi.AssertApiErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden");
        using var list = await client.GetAsync("/api/v1/users");
        await AuthApi.AssertApiErrorAsync(list, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task Contributor_manages_identities_but_cannot_assign_roles_and_Owner_can()
    {
        var contributor = await _api.CreateUserAsync("Contributor");
        using var client = server.CreateClient(contributor.Username, contributor.Password);
        using var created = await client.PostAsJsonAsync("/api/v1/users", new { username = "c" + Guid.NewGuid().ToString("N")[..10] });
        var user = await AuthApi.ExpectAsync(created, HttpStatusCode.Created);
        var userId = user.GetProperty("id").GetString();

        using var assign = await client.PostAsJsonAsync("/api/v1/role-assignments", new { principal = userId, role = "AcrPull", scope = "/" });
        await AuthApi.AssertApiErrorAsync(assign, HttpStatusCode.Forbidden, "Forbidden");

        using var byOwner = await _api.Owner.PostAsJsonAsync("/api/v1/role-assignments", new { principal = userId, role = "AcrPull", scope = "/" });
        var assignment = await AuthApi.ExpectAsync(byOwner, HttpStatusCode.Created);
        Assert.Equal("AcrPull", assignment.GetProperty("role").GetString());
    }

    [Fact]
    public async Task User_lifecycle_shows_the_password_only_once()
    {
        var username = "life" + Guid.NewGuid().ToString("N")[..8];
        using var created = await _api.Owner.PostAsJsonAsync("/api/v1/users", new { username });
        var body = await AuthApi.ExpectAsync(created, HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("password").GetString()));
        Assert.Equal($"/api/v1/users/{username}", created.Headers.Location!.ToString());

        using var get = await _api.Owner.GetAsync($"/api/v1/users/{username}");
        var shown = await AuthApi.ExpectAsync(get, HttpStatusCode.OK);
        Assert.False(shown.TryGetProperty("password", out _));
        Assert.True(shown.GetProperty("enabled").GetBoolean());

        using var disabled = await _api.Owner.PatchAsJsonAsync($"/api/v1/users/{username}", new { enabled = false });
        Assert.False((await AuthApi.ExpectAsync(disabled, HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());

        using var reset = await _api.Owner.PostAsJsonAsync($"/api/v1/users/{username}/reset-password", new { });
        Assert.False(string.IsNullOrEmpty((await AuthApi.ExpectAsync(reset, HttpStatusCode.OK)).GetProperty("password").GetString()));

        using var conflict = await _api.Owner.PostAsJsonAsync("/api/v1/users", new { username });
        await AuthApi.AssertApiErrorAsync(conflict, HttpStatusCode.Conflict, "Conflict");

        using var deleted = await _api.Owner.DeleteAsync($"/api/v1/users/{username}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _api.Owner.GetAsync($"/api/v1/users/{username}");
        await AuthApi.AssertApiErrorAsync(gone, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Malformed_bodies_and_invalid_input_are_400()
    {
        using var malformed = await _api.Owner.PostAsync("/api/v1/users", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await AuthApi.AssertApiErrorAsync(malformed, HttpStatusCode.BadRequest, "InvalidRequest");
        using var badName = await _api.Owner.PostAsJsonAsync("/api/v1/users", new { username = "no spaces allowed" });
        await AuthApi.AssertApiErrorAsync(badName, HttpStatusCode.BadRequest, "InvalidRequest");
        using var badRole = await _api.Owner.PostAsJsonAsync("/api/v1/role-assignments", new { principal = BerthServerFixture.OwnerUsername, role = "Emperor", scope = "/" });
        await AuthApi.AssertApiErrorAsync(badRole, HttpStatusCode.BadRequest, "InvalidRequest");
        using var registry = await _api.Owner.GetAsync("/api/v1/registries/nope/tokens");
        await AuthApi.AssertApiErrorAsync(registry, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Management_bearer_token_works_and_data_plane_tokens_do_not()
    {
        var token = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, "management");
        using var ok = await server.CreateBearerClient(token).GetAsync("/api/v1/roles");
        var roles = await AuthApi.ExpectAsync(ok, HttpStatusCode.OK);
        Assert.Equal(7, roles.GetArrayLength());

        var dataToken = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, "repository:a/b:pull");
        using var refused = await server.CreateBearerClient(dataToken).GetAsync("/api/v1/roles");
        await AuthApi.AssertApiErrorAsync(refused, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Repository_tokens_and_admin_users_cannot_use_the_management_api()
    {
        var token = await _api.CreateRepositoryTokenAsync("repositories/x/content/read");
        using var client = server.CreateClient(token.Username, token.Password);
        using var response = await client.GetAsync("/api/v1/roles");
        await AuthApi.AssertApiErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden");

        using var enable = await _api.Owner.PostAsync("/api/v1/registries/default/admin/enable", null);
        var admin = await AuthApi.ExpectAsync(enable, HttpStatusCode.OK);
        var password = admin.GetProperty("newPasswords").GetProperty("password").GetString()!;
        using var asAdmin = server.CreateClient(admin.GetProperty("username").GetString()!, password);
        using var adminCall = await asAdmin.GetAsync("/api/v1/roles");
        await AuthApi.AssertApiErrorAsync(adminCall, HttpStatusCode.Forbidden, "Forbidden");
        using var pull = await asAdmin.GetAsync("/v2/_catalog");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        using var disable = await _api.Owner.PostAsync("/api/v1/registries/default/admin/disable", null);
        await AuthApi.ExpectAsync(disable, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Audit_log_records_changes_with_actor_and_is_readable_by_readers()
    {
        var user = await _api.CreateUserAsync("Reader");
        using var client = server.CreateClient(user.Username, user.Password);
        using var response = await client.GetAsync("/api/v1/audit?limit=1000");
        var entries = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        var create = entries.EnumerateArray().Last(e => e.GetProperty("action").GetString() == "user.create");
        Assert.StartsWith("usr_", create.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", create.GetProperty("sourceAddress").GetString());
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("action").GetString() == "login.success");
        Assert.DoesNotContain(user.Password, entries.ToString(), StringComparison.Ordinal);

        var pusher = await _api.CreateUserAsync("AcrPush");
        using var denied = await server.CreateClient(pusher.Username, pusher.Password).GetAsync("/api/v1/audit");
        await AuthApi.AssertApiErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task Service_principal_credentials_are_shown_once_and_can_be_rotated()
    {
        var sp = await _api.CreateServicePrincipalAsync();
        using var get = await _api.Owner.GetAsync($"/api/v1/service-principals/{sp.Username}");
        var shown = await AuthApi.ExpectAsync(get, HttpStatusCode.OK);
        Assert.False(shown.TryGetProperty("secret", out _));
        Assert.Equal(1, shown.GetProperty("secrets").GetArrayLength());

        using var reset = await _api.Owner.PostAsJsonAsync($"/api/v1/service-principals/{sp.Username}/credentials", new { lifetimeDays = 30, append = true });
        var rotated = await AuthApi.ExpectAsync(reset, HttpStatusCode.OK);
        Assert.Equal(2, rotated.GetProperty("secrets").GetArrayLength());
        var secret = rotated.GetProperty("secret").GetString()!;
        using var login = await _api.RequestTokenAsync(sp.Username, secret, "repository:a/b:pull");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_describes_the_api()
    {
        using var client = server.CreateAnonymousClient();
        using var response = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/users", "/api/v1/role-assignments", "/api/v1/registries/{registry}/tokens", "/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export", "/api/v1/audit/purge", "/api/v1/keys/rotate", "/api/v1/registries", "/api/v1/registries/{registry}/usage" })
        {
            Assert.Contains(paths, p => p.TrimEnd('/') == path);
        }

        Assert.DoesNotContain(paths, p => p.StartsWith("/v2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gc_needs_manage_rights()
    {
        var reader = await _api.CreateUserAsync("Reader");
        using var denied = await server.CreateClient(reader.Username, reader.Password).PostAsync("/api/v1/gc?dryRun=true", null);
        await AuthApi.AssertApiErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden");
        using var ok = await _api.Owner.PostAsync("/api/v1/gc?dryRun=true", null);
        Assert.True((await AuthApi.ExpectAsync(ok, HttpStatusCode.OK)).GetProperty("dryRun").GetBoolean());
    }
}
