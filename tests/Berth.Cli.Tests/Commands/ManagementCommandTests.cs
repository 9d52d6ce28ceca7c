using System.Net;
using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Auth;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.Commands;

/// <summary>Management commands against a fake server: authentication, request shapes, output and exit codes.</summary>
public sealed class ManagementCommandTests
{
    private const string Bob = """{"id":"usr_1","username":"bob","enabled":true,"createdAt":"2026-01-02T03:04:05Z","password":"generated-pw"}""";

    private static async Task<(CliRunner Cli, FakeServer Server)> LoggedInAsync()
    {
        var server = new FakeServer().WithTokenService(refreshToken: "stored-refresh", accessToken: "mgmt-access");
        var cli = new CliRunner(server);
        var login = await cli.RunAsync("login", "127.0.0.1:5000", "-u", "owner", "-p", "secret");
        Assert.True(login.ExitCode == 0, login.ToString());
        return (cli, server);
    }

    [Fact]
    public async Task Stored_login_is_exchanged_for_a_management_token_and_sent_as_bearer()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("POST /api/v1/users", HttpStatusCode.Created, Bob);

        var result = await cli.RunAsync("user", "create", "bob");

        Assert.True(result.ExitCode == 0, result.ToString());
        var refresh = server.Requests.Last(r => r.PathAndQuery == "/oauth2/token");
        Assert.Contains("grant_type=refresh_token", refresh.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=stored-refresh", refresh.Body, StringComparison.Ordinal);
        Assert.Contains("scope=management", refresh.Body, StringComparison.Ordinal);
        var create = server.Requests.Single(r => r.PathAndQuery == "/api/v1/users");
        Assert.Equal("Bearer mgmt-access", create.Authorization);
        Assert.Equal("""{"username":"bob"}""", create.Body);
        Assert.Contains("shown only now", result.Out, StringComparison.Ordinal);
        Assert.Contains("generated-pw", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_username_and_password_use_the_password_grant()
    {
        var server = new FakeServer().WithTokenService(accessToken: "pw-access");
        server.On("GET /api/v1/users", HttpStatusCode.OK, $"[{Bob}]");
        using var cli = new CliRunner(server);

        var result = await cli.RunAsync("user", "list", "--server", "127.0.0.1:5000", "-u", "owner", "-p", "secret", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("bob", JsonDocument.Parse(result.Out).RootElement[0].GetProperty("username").GetString());
        var token = server.Requests.Single(r => r.PathAndQuery == "/oauth2/token");
        Assert.Contains("grant_type=password", token.Body, StringComparison.Ordinal);
        Assert.Contains("scope=management", token.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer pw-access", server.Requests.Last().Authorization);
    }

    [Fact]
    public async Task Not_logged_in_exits_4_with_a_login_hint()
    {
        var server = new FakeServer().On("GET /api/v1/users", HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"authentication required"}}""");
        using var cli = new CliRunner(server);

        var result = await cli.RunAsync("user", "list", "--server", "127.0.0.1:5000");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("authentication required", result.Error, StringComparison.Ordinal);
        Assert.Contains("berth login 127.0.0.1:5000", result.Error, StringComparison.Ordinal);
        Assert.Null(server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Expired_stored_login_exits_4()
    {
        var (cli, _) = await LoggedInAsync();
        using var __ = cli;
        var file = Berth.Cli.Auth.AuthFile.Load(cli.DockerConfig);
        file.SetIdentityToken("127.0.0.1:5000", "expired");
        file.Save();

        var result = await cli.RunAsync("user", "list");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("expired or was revoked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_logged_in_servers_need_an_explicit_server()
    {
        var (cli, _) = await LoggedInAsync();
        using var __ = cli;
        await cli.RunAsync("login", "127.0.0.1:6000", "-u", "owner", "-p", "secret");

        var result = await cli.RunAsync("user", "list");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--server", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "NotFound", ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.Conflict, "Conflict", ExitCodes.Failed)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidRequest", ExitCodes.Usage)]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden", ExitCodes.Unauthorized)]
    public async Task Server_errors_print_the_message_and_map_to_exit_codes(HttpStatusCode status, string code, int exit)
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("DELETE /api/v1/users/bob", status, $$$"""{"error":{"code":"{{{code}}}","message":"the server's reason"}}""");

        var result = await cli.RunAsync("user", "delete", "bob");

        Assert.Equal(exit, result.ExitCode);
        Assert.StartsWith("berth user delete: the server's reason", result.Error, StringComparison.Ordinal);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_create_as_kubernetes_secret_emits_a_pull_secret_for_the_token()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("POST /api/v1/registries/default/tokens", HttpStatusCode.Created,
            """{"id":"tok_1","registryId":1,"name":"ci","scopeMap":"_repositories_pull","enabled":true,"passwords":[{"id":"password1"}],"password":"tok-pw"}""");

        var result = await cli.RunAsync("token", "create", "ci", "--scope-map", "_repositories_pull", "-o", "kubernetes-secret", "--namespace", "apps");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("name: berth-ci\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("namespace: apps\n", result.Out, StringComparison.Ordinal);
        KubernetesSecretTests.AssertEntry(KubernetesSecretTests.DecodeYaml(result.Out, "127.0.0.1:5000"), "ci", "tok-pw");
        Assert.Equal("""{"name":"ci","scopeMap":"_repositories_pull","enabled":true}""", server.Requests.Last().Body);
    }

    [Fact]
    public async Task Token_credential_generate_sends_the_slot_and_prints_a_json_secret_manifest()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("POST /api/v1/registries/prod/tokens/ci/credentials", HttpStatusCode.OK, """{"name":"ci","password":"pw2"}""");

        var result = await cli.RunAsync("token", "credential", "generate", "ci", "--registry", "prod", "--password-name", "password2",
            "-o", "kubernetes-secret-json", "--secret-name", "pull", "--login-server", "registry.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"name":"password2"}""", server.Requests.Last().Body);
        var secret = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("pull", secret.GetProperty("metadata").GetProperty("name").GetString());
        var config = JsonDocument.Parse(Convert.FromBase64String(secret.GetProperty("data").GetProperty(".dockerconfigjson").GetString()!));
        KubernetesSecretTests.AssertEntry(config.RootElement.GetProperty("auths").GetProperty("registry.example"), "ci", "pw2");
    }

    [Fact]
    public async Task Admin_commands_warn_that_the_admin_user_is_for_break_glass_only()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("POST /api/v1/registries/default/admin/enable", HttpStatusCode.OK,
            """{"registryId":1,"username":"default","enabled":true,"passwords":[],"newPasswords":{"password":"a1","password2":"a2"}}""");

        var result = await cli.RunAsync("admin", "enable");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("not recommended for multiple users", result.Error, StringComparison.Ordinal);
        Assert.Contains("break-glass and quick tests only; use tokens or service principals", result.Error, StringComparison.Ordinal);
        Assert.Contains("a1", result.Out, StringComparison.Ordinal);
        Assert.Contains("a2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_map_update_sends_repeated_add_and_remove_actions()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("PATCH /api/v1/registries/default/scope-maps/m", HttpStatusCode.OK, """{"name":"m","actions":["repositories/a/content/write"]}""");

        var result = await cli.RunAsync("scope-map", "update", "m", "--add-action", "repositories/a/content/write",
            "--add-action", "repositories/a/metadata/write", "--remove-action", "repositories/b/content/read", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"add":["repositories/a/content/write","repositories/a/metadata/write"],"remove":["repositories/b/content/read"]}""", server.Requests.Last().Body);
        Assert.Equal(0, (await cli.RunAsync("scope-map", "update", "m")).ExitCode == ExitCodes.Usage ? 0 : 1);
    }

    [Fact]
    public async Task Role_assignment_list_filters_by_principal_and_create_defaults_to_server_scope()
    {
        var (cli, server) = await LoggedInAsync();
        using var _ = cli;
        server.On("GET /api/v1/role-assignments", HttpStatusCode.OK, "[]");
        server.On("POST /api/v1/role-assignments", HttpStatusCode.Created, """{"id":"ra_1","principalName":"bob","role":"AcrPull","scope":"/"}""");

        var list = await cli.RunAsync("role", "assignment", "list", "--principal", "bob smith");
        var create = await cli.RunAsync("role", "assignment", "create", "--principal", "bob", "--role", "AcrPull");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("No role assignments.", list.Out, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/api/v1/role-assignments?principal=bob%20smith");
        Assert.Equal(0, create.ExitCode);
        Assert.Equal("""{"principal":"bob","role":"AcrPull","scope":"/"}""", server.Requests.Last().Body);
    }

    [Fact]
    public async Task Unreachable_default_server_exits_3_and_explains_the_default()
    {
        using var cli = new CliRunner(new FakeServer { Unreachable = true });

        var result = await cli.RunAsync("user", "list");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("http://127.0.0.1:5000", result.Error, StringComparison.Ordinal);
        Assert.Contains("not logged in anywhere", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BERTH_SERVER_is_the_default_server()
    {
        var server = new FakeServer().On("GET /api/v1/roles", HttpStatusCode.OK, "[]");
        using var cli = new CliRunner(server);
        cli.Variables["BERTH_SERVER"] = "http://10.1.2.3:5999";

        Assert.Equal(0, (await cli.RunAsync("role", "list")).ExitCode);
        Assert.Equal("/api/v1/roles", server.Requests.Single().PathAndQuery);
        Assert.Equal("10.1.2.3:5999", server.Requests.Single().Authority);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("token", "create", "x")]
    [InlineData("user", "list", "-o", "yaml")]
    [InlineData("scope-map", "create", "m")]
    [InlineData("nonsense")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        using var cli = new CliRunner(new FakeServer());
        var result = await cli.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }
}
