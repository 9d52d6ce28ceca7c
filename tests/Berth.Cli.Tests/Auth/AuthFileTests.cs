using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Auth;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Auth;

public sealed class AuthFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "berth-authfile-" + Guid.NewGuid().ToString("N"));

    private string PathIn(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Missing_file_loads_empty_and_save_creates_directory_and_file_with_mode_0600()
    {
        var path = PathIn("nested/.docker/config.json");
        var file = AuthFile.Load(path);
        Assert.False(file.Exists);
        Assert.Empty(file.LoggedInServers());

        file.SetIdentityToken("127.0.0.1:5000", "refresh-1");
        file.Save();

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Entry_has_the_token_user_auth_and_identitytoken_exactly()
    {
        var path = PathIn("config.json");
        var file = AuthFile.Load(path);
        file.SetIdentityToken("registry.example:5000", "the-refresh-token");
        file.Save();

        var entry = JsonNode.Parse(File.ReadAllText(path))!["auths"]!["registry.example:5000"]!.AsObject();
        Assert.Equal(2, entry.Count);
        Assert.Equal("00000000-0000-0000-0000-000000000000:", Encoding.UTF8.GetString(Convert.FromBase64String((string)entry["auth"]!)));
        Assert.Equal("the-refresh-token", (string?)entry["identitytoken"]);
    }

    [Fact]
    public void Merge_keeps_other_servers_and_unrelated_settings()
    {
        var path = PathIn("config.json");
        File.WriteAllText(path, """
            {
              "auths": { "docker.io": { "auth": "dXNlcjpwYXNz" }, "127.0.0.1:5000": { "auth": "b2xkOm9sZA==" } },
              "credHelpers": { "gcr.io": "gcloud" },
              "proxies": { "default": { "httpProxy": "http://proxy:3128" } },
              "detachKeys": "ctrl-e,e"
            }
            """);

        var file = AuthFile.Load(path);
        file.SetIdentityToken("127.0.0.1:5000", "new-token");
        file.Save();

        var root = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("dXNlcjpwYXNz", (string?)root["auths"]!["docker.io"]!["auth"]);
        Assert.Equal("new-token", (string?)root["auths"]!["127.0.0.1:5000"]!["identitytoken"]);
        Assert.Equal("gcloud", (string?)root["credHelpers"]!["gcr.io"]);
        Assert.Equal("http://proxy:3128", (string?)root["proxies"]!["default"]!["httpProxy"]);
        Assert.Equal("ctrl-e,e", (string?)root["detachKeys"]);
    }

    [Fact]
    public void Setting_replaces_entries_spelled_with_a_scheme_or_path()
    {
        var path = PathIn("config.json");
        File.WriteAllText(path, """{"auths":{"https://Berth.Example:5000/v2/":{"auth":"eDp5"},"other:1":{"auth":"eDp5"}}}""");

        var file = AuthFile.Load(path);
        file.SetIdentityToken("berth.example:5000", "t");
        file.Save();

        var auths = JsonNode.Parse(File.ReadAllText(path))!["auths"]!.AsObject();
        Assert.Equal(["berth.example:5000", "other:1"], auths.Select(p => p.Key).Order().ToArray());
        Assert.Equal("t", AuthFile.Load(path).GetIdentityToken("http://berth.example:5000"));
    }

    [Fact]
    public void Remove_deletes_only_that_server_and_reports_whether_it_was_there()
    {
        var path = PathIn("config.json");
        var file = AuthFile.Load(path);
        file.SetIdentityToken("a:1", "ta");
        file.SetIdentityToken("b:2", "tb");
        file.Save();

        var reloaded = AuthFile.Load(path);
        Assert.True(reloaded.Remove("a:1"));
        Assert.False(reloaded.Remove("a:1"));
        reloaded.Save();

        var after = AuthFile.Load(path);
        Assert.Null(after.GetIdentityToken("a:1"));
        Assert.Equal("tb", after.GetIdentityToken("b:2"));
        Assert.Equal(["b:2"], after.LoggedInServers());
    }

    [Fact]
    public void Logged_in_servers_are_only_identity_token_entries_of_the_token_user()
    {
        var path = PathIn("config.json");
        var tokenUser = Convert.ToBase64String(Encoding.UTF8.GetBytes("00000000-0000-0000-0000-000000000000:"));
        File.WriteAllText(path, $$$"""
            {"auths":{
              "docker.io":{"auth":"dXNlcjpwYXNz"},
              "acr.example":{"auth":"{{{tokenUser}}}","identitytoken":"x"},
              "weird.example":{"auth":"dXNlcjpwYXNz","identitytoken":"y"}
            }}
            """);

        Assert.Equal(["acr.example"], AuthFile.Load(path).LoggedInServers());
    }

    [Fact]
    public void Credential_helpers_that_shadow_the_file_are_reported()
    {
        var path = PathIn("config.json");
        File.WriteAllText(path, """{"credHelpers":{"a.example":"pass"},"credsStore":"desktop"}""");
        var file = AuthFile.Load(path);
        Assert.Equal("pass", file.CredentialHelperFor("a.example"));
        Assert.Equal("desktop", file.CredentialHelperFor("b.example"));
        Assert.Null(AuthFile.Load(PathIn("none.json")).CredentialHelperFor("a.example"));
    }

    [Fact]
    public void Saving_through_a_symlink_keeps_the_link_and_writes_the_target()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = PathIn("real/config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, """{"auths":{}}""");
        var link = PathIn("link.json");
        File.CreateSymbolicLink(link, target);

        var file = AuthFile.Load(link);
        file.SetIdentityToken("h:1", "t");
        file.Save();

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("t", AuthFile.Load(target).GetIdentityToken("h:1"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void Invalid_content_is_an_error_naming_the_file(string content)
    {
        var path = PathIn("config.json");
        File.WriteAllText(path, content);
        var e = Assert.Throws<CliException>(() => AuthFile.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, e.ExitCode);
    }

    [Fact]
    public void Empty_file_counts_as_empty_configuration()
    {
        var path = PathIn("config.json");
        File.WriteAllText(path, "  \n");
        var file = AuthFile.Load(path);
        file.SetIdentityToken("h:1", "t");
        file.Save();
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(File.ReadAllText(path)).RootElement.ValueKind);
    }

    public AuthFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
