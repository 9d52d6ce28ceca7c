using System.Text;
using System.Text.Json.Nodes;
using Berth.Cli.Auth;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.Commands;

public sealed class LoginCommandTests
{
    [Fact]
    public async Task Login_stores_the_refresh_token_in_docker_config_with_mode_0600()
    {
        var server = new FakeServer().WithTokenService(refreshToken: "r.t.1");
        using var cli = new CliRunner(server);

        var result = await cli.RunWithInputAsync("secret\n", "login", "127.0.0.1:5000", "-u", "alice", "--password-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Login Succeeded", result.Out, StringComparison.Ordinal);
        var entry = JsonNode.Parse(File.ReadAllText(cli.DockerConfig))!["auths"]!["127.0.0.1:5000"]!;
        Assert.Equal("r.t.1", (string?)entry["identitytoken"]);
        Assert.Equal(AuthFile.TokenUser + ":", Encoding.UTF8.GetString(Convert.FromBase64String((string)entry["auth"]!)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.DockerConfig));
        }

        var token = server.Requests.Single(r => r.PathAndQuery == "/oauth2/token");
        Assert.Contains("grant_type=password", token.Body, StringComparison.Ordinal);
        Assert.Contains("access_type=offline", token.Body, StringComparison.Ordinal);
        Assert.Contains("service=berth.test", token.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_respects_DOCKER_CONFIG_and_merges_with_existing_content()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        var dir = Path.Combine(cli.Home, "custom");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"auths":{"docker.io":{"auth":"eDp5"}},"psFormat":"table"}""");
        cli.Variables["DOCKER_CONFIG"] = dir;

        var result = await cli.RunAsync("login", "127.0.0.1:5000", "-u", "alice", "-p", "secret");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal("eDp5", (string?)root["auths"]!["docker.io"]!["auth"]);
        Assert.Equal("table", (string?)root["psFormat"]);
        Assert.NotNull(root["auths"]!["127.0.0.1:5000"]!["identitytoken"]);
        Assert.False(File.Exists(cli.DockerConfig));
    }

    [Fact]
    public async Task Podman_flag_also_writes_REGISTRY_AUTH_FILE_and_auth_file_replaces_docker_config()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        var podman = Path.Combine(cli.Home, "podman", "auth.json");
        cli.Variables["REGISTRY_AUTH_FILE"] = podman;

        Assert.Equal(0, (await cli.RunAsync("login", "127.0.0.1:5000", "-u", "a", "-p", "secret", "--podman")).ExitCode);
        Assert.NotNull(AuthFile.Load(podman).GetIdentityToken("127.0.0.1:5000"));
        Assert.NotNull(AuthFile.Load(cli.DockerConfig).GetIdentityToken("127.0.0.1:5000"));

        var only = Path.Combine(cli.Home, "only.json");
        Assert.Equal(0, (await cli.RunAsync("login", "127.0.0.1:6000", "-u", "a", "-p", "secret", "--auth-file", only)).ExitCode);
        Assert.NotNull(AuthFile.Load(only).GetIdentityToken("127.0.0.1:6000"));
        Assert.Null(AuthFile.Load(cli.DockerConfig).GetIdentityToken("127.0.0.1:6000"));
    }

    [Fact]
    public async Task Podman_without_REGISTRY_AUTH_FILE_uses_XDG_RUNTIME_DIR()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        cli.Variables["XDG_RUNTIME_DIR"] = Path.Combine(cli.Home, "run");

        Assert.Equal(0, (await cli.RunAsync("login", "127.0.0.1:5000", "-u", "a", "-p", "secret", "--podman")).ExitCode);
        Assert.NotNull(AuthFile.Load(Path.Combine(cli.Home, "run", "containers", "auth.json")).GetIdentityToken("127.0.0.1:5000"));
    }

    [Fact]
    public async Task Wrong_password_exits_4_and_writes_nothing()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        var result = await cli.RunWithInputAsync("wrong", "login", "127.0.0.1:5000", "-u", "alice", "--password-stdin");
        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("invalid credentials", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DockerConfig));
    }

    [Fact]
    public async Task Missing_credentials_without_a_terminal_is_a_usage_error()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("login", "127.0.0.1:5000")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("login", "127.0.0.1:5000", "-u", "x")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await cli.RunWithInputAsync("", "login", "127.0.0.1:5000", "-u", "x", "--password-stdin")).ExitCode);
    }

    [Fact]
    public async Task Unreachable_server_exits_3()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("login", "127.0.0.1:1", "-u", "a", "-p", "secret");
        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("cannot reach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_removes_the_entry_from_docker_and_podman_files_and_keeps_others()
    {
        using var cli = new CliRunner(new FakeServer().WithTokenService());
        cli.Variables["REGISTRY_AUTH_FILE"] = Path.Combine(cli.Home, "auth.json");
        await cli.RunAsync("login", "127.0.0.1:5000", "-u", "a", "-p", "secret", "--podman");
        await cli.RunAsync("login", "127.0.0.1:6000", "-u", "a", "-p", "secret");

        var result = await cli.RunAsync("logout", "http://127.0.0.1:5000");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(AuthFile.Load(cli.DockerConfig).GetIdentityToken("127.0.0.1:5000"));
        Assert.Null(AuthFile.Load(Path.Combine(cli.Home, "auth.json")).GetIdentityToken("127.0.0.1:5000"));
        Assert.NotNull(AuthFile.Load(cli.DockerConfig).GetIdentityToken("127.0.0.1:6000"));
        Assert.Contains("Not logged in", (await cli.RunAsync("logout", "127.0.0.1:5000")).Out, StringComparison.Ordinal);
    }
}
