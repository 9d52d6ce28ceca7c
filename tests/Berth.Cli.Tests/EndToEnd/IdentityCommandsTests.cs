using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Cli.Auth;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Auth;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary>The CLI against a real Berth server: login, the identity commands with JSON output, errors and logout.</summary>
public sealed class IdentityCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private Task<CliRunner> OwnerAsync() => server.OwnerCliAsync();

    private static async Task<JsonElement> JsonAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)}\n{result}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    [Fact]
    public async Task Login_stores_a_refresh_token_the_server_accepts()
    {
        using var cli = await OwnerAsync();

        var token = AuthFile.Load(cli.DockerConfig).GetIdentityToken(server.Server);
        Assert.NotNull(token);
        using var http = server.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token!, ["scope"] = "management" });
        using var response = await http.PostAsync("/oauth2/token", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Users_service_principals_tokens_scope_maps_and_role_assignments_round_trip()
    {
        using var cli = await OwnerAsync();
        var alice = Unique("alice");
        var sp = Unique("ci");
        var map = Unique("pull-app");
        var token = Unique("tok");

        var user = await cli.RunWithInputAsync("alice-password-123", "user", "create", alice, "--password-stdin", "-o", "json");
        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.Equal(alice, JsonDocument.Parse(user.Out).RootElement.GetProperty("username").GetString());
        Assert.Contains((await JsonAsync(cli, "user", "list")).EnumerateArray(), u => u.GetProperty("username").GetString() == alice);

        var created = await JsonAsync(cli, "sp", "create", sp);
        var appId = created.GetProperty("appId").GetString()!;
        Assert.False(string.IsNullOrEmpty(created.GetProperty("secret").GetString()));
        Assert.Contains((await JsonAsync(cli, "sp", "list")).EnumerateArray(), s => s.GetProperty("appId").GetString() == appId);
        var shown = await JsonAsync(cli, "sp", "show", appId);
        Assert.Equal(sp, shown.GetProperty("name").GetString());
        Assert.False(shown.TryGetProperty("secret", out _));
        var rotated = await JsonAsync(cli, "sp", "credential", "reset", sp, "--append", "--description", "rotation");
        Assert.Equal(2, rotated.GetProperty("secrets").GetArrayLength());

        var scopeMap = await JsonAsync(cli, "scope-map", "create", map, "--action", "repositories/app/content/read", "--action", "repositories/app/metadata/read");
        Assert.Equal(2, scopeMap.GetProperty("actions").GetArrayLength());
        var updated = await JsonAsync(cli, "scope-map", "update", map, "--add-action", "repositories/app/content/write", "--remove-action", "repositories/app/metadata/read");
        Assert.Equal(["repositories/app/content/read", "repositories/app/content/write"], updated.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());
        Assert.Contains((await JsonAsync(cli, "scope-map", "list")).EnumerateArray(), m => m.GetProperty("name").GetString() == "_repositories_pull");

        var tok = await JsonAsync(cli, "token", "create", token, "--scope-map", map);
        var tokenPassword = tok.GetProperty("password").GetString()!;
        Assert.Contains((await JsonAsync(cli, "token", "list")).EnumerateArray(), t => t.GetProperty("name").GetString() == token);
        Assert.False((await JsonAsync(cli, "token", "update", token, "--enabled", "false")).GetProperty("enabled").GetBoolean());
        Assert.True((await JsonAsync(cli, "token", "update", token, "--enabled", "true")).GetProperty("enabled").GetBoolean());
        await AssertTokenServiceAcceptsAsync(token, tokenPassword);

        var secret = await cli.RunAsync("token", "credential", "generate", token, "--password-name", "password2", "-o", "kubernetes-secret", "--namespace", "apps");
        Assert.True(secret.ExitCode == 0, secret.ToString());
        var entry = KubernetesSecretTests.DecodeYaml(secret.Out, server.Server);
        await AssertTokenServiceAcceptsAsync(token, entry.GetProperty("password").GetString()!);

        var assignment = await JsonAsync(cli, "role", "assignment", "create", "--principal", alice, "--role", "AcrPull", "--scope", "/registries/default");
        var assignmentId = assignment.GetProperty("id").GetString()!;
        var mine = await JsonAsync(cli, "role", "assignment", "list", "--principal", alice);
        Assert.Equal("AcrPull", Assert.Single(mine.EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal(7, (await JsonAsync(cli, "role", "list")).GetArrayLength());

        Assert.Equal(0, (await cli.RunAsync("role", "assignment", "delete", assignmentId)).ExitCode);
        Assert.Empty((await JsonAsync(cli, "role", "assignment", "list", "--principal", alice)).EnumerateArray());
        Assert.Equal(ExitCodes.Failed, (await cli.RunAsync("scope-map", "delete", map)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("token", "delete", token)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("scope-map", "delete", map)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("sp", "delete", sp)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("user", "delete", alice)).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("user", "show", alice)).ExitCode);
    }

    [Fact]
    public async Task Admin_user_enable_shows_passwords_once_and_warns()
    {
        using var cli = await OwnerAsync();

        var enabled = await cli.RunAsync("admin", "enable", "-o", "json");
        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        Assert.Contains("break-glass and quick tests only; use tokens or service principals", enabled.Error, StringComparison.Ordinal);
        var regenerated = await JsonAsync(cli, "admin", "regenerate-password", "--name", "password2");
        Assert.False(string.IsNullOrEmpty(regenerated.GetProperty("password").GetString()));
        var show = await JsonAsync(cli, "admin", "show-credentials");
        Assert.True(show.GetProperty("enabled").GetBoolean());
        Assert.False(show.TryGetProperty("password", out _));
        Assert.False((await JsonAsync(cli, "admin", "disable")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Errors_map_to_documented_exit_codes()
    {
        using var cli = await OwnerAsync();
        var bob = Unique("bob");

        var missing = await cli.RunAsync("user", "show", "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("NotFound", missing.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("user", "create", bob)).ExitCode);
        var duplicate = await cli.RunAsync("user", "create", bob);
        Assert.Equal(ExitCodes.Failed, duplicate.ExitCode);
        Assert.Contains("Conflict", duplicate.Error, StringComparison.Ordinal);

        var invalid = await cli.RunAsync("role", "assignment", "create", "--principal", bob, "--role", "NoSuchRole");
        Assert.Equal(ExitCodes.Usage, invalid.ExitCode);

        var wrong = await cli.RunWithInputAsync("not-the-password", "login", server.Server, "-u", bob, "--password-stdin");
        Assert.Equal(ExitCodes.Unauthorized, wrong.ExitCode);

        var unreachable = await cli.RunAsync("user", "list", "--server", "127.0.0.1:1");
        Assert.Equal(ExitCodes.Unreachable, unreachable.ExitCode);
    }

    [Fact]
    public async Task A_principal_without_a_role_is_refused_and_explicit_credentials_work()
    {
        using var owner = await OwnerAsync();
        var sp = await JsonAsync(owner, "sp", "create", Unique("norole"));
        var appId = sp.GetProperty("appId").GetString()!;

        using var ci = new CliRunner();
        var login = await ci.RunWithInputAsync(sp.GetProperty("secret").GetString()!, "login", server.Server, "--service-principal", "-u", appId, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        var refused = await ci.RunAsync("user", "list");
        Assert.Equal(ExitCodes.Unauthorized, refused.ExitCode);
        Assert.Contains("Forbidden", refused.Error, StringComparison.Ordinal);

        using var fresh = new CliRunner();
        var list = await fresh.RunAsync("user", "list", "--server", server.Server, "-u", BerthFixture.OwnerUsername, "-p", BerthFixture.OwnerPassword, "-o", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(JsonDocument.Parse(list.Out).RootElement.EnumerateArray(), u => u.GetProperty("username").GetString() == BerthFixture.OwnerUsername);
    }

    [Fact]
    public async Task Logout_removes_the_login_and_commands_then_ask_for_one()
    {
        using var cli = await OwnerAsync();
        Assert.Equal(0, (await cli.RunAsync("user", "list")).ExitCode);

        var logout = await cli.RunAsync("logout", server.Server);
        Assert.Equal(0, logout.ExitCode);
        Assert.Null(AuthFile.Load(cli.DockerConfig).GetIdentityToken(server.Server));

        var after = await cli.RunAsync("user", "list", "--server", server.Server);
        Assert.Equal(ExitCodes.Unauthorized, after.ExitCode);
        Assert.Contains($"berth login {server.Server}", after.Error, StringComparison.Ordinal);
    }

    private async Task AssertTokenServiceAcceptsAsync(string username, string password)
    {
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/oauth2/token?service={server.Server}&scope=repository:app:pull");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
