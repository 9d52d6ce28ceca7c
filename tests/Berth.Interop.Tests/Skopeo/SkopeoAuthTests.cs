using System.Net;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;
using Berth.Interop.Tests.Infrastructure;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>
/// Every way to authenticate, with a real client: skopeo logs in through Berth's token service with a service
/// principal, a repository token, the admin user and a refresh (identity) token, and is refused what the
/// identity may not do.
/// </summary>
public sealed class SkopeoAuthTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    private readonly AuthApi _api = new(fixture.Server);

    private async Task<string> SourceAsync()
    {
        var source = OciLayout.Create(fixture.NewDirectory("src"));
        source.Tag(TestImages.WriteImage(source, [Layers.RandomTar(2, 8 * 1024)]), "v1");
        return $"oci:{source.Directory}:v1";
    }

    private Task<ProcessResult> PushAsync(string source, string repo, string creds) =>
        fixture.SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", creds, source, fixture.DockerRef(repo, "v1"));

    private Task<ProcessResult> InspectAsync(string repo, string creds) =>
        fixture.SkopeoAsync("inspect", "--tls-verify=false", "--creds", creds, fixture.DockerRef(repo, "v1"));

    [Fact]
    public async Task Service_principal_pushes_and_pulls_with_app_id_and_secret()
    {
        var sp = await _api.CreateServicePrincipalAsync("AcrPush");
        var repo = OciClient.NewRepo("sp");
        (await PushAsync(await SourceAsync(), repo, $"{sp.Username}:{sp.Password}")).EnsureSuccess();
        (await InspectAsync(repo, $"{sp.Username}:{sp.Password}")).EnsureSuccess();
    }

    [Fact]
    public async Task Repository_token_reads_its_repository_only()
    {
        var (mine, other) = (OciClient.NewRepo("tok"), OciClient.NewRepo("tok"));
        var source = await SourceAsync();
        var owner = $"{BerthServerFixture.OwnerUsername}:{BerthServerFixture.OwnerPassword}";
        (await PushAsync(source, mine, owner)).EnsureSuccess();
        (await PushAsync(source, other, owner)).EnsureSuccess();
        var token = await _api.CreateRepositoryTokenAsync($"repositories/{mine}/content/read", $"repositories/{mine}/metadata/read");

        (await InspectAsync(mine, $"{token.Username}:{token.Password}")).EnsureSuccess();
        var refused = await InspectAsync(other, $"{token.Username}:{token.Password}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("denied", refused.StdErr, StringComparison.OrdinalIgnoreCase);
        var push = await PushAsync(source, mine, $"{token.Username}:{token.Password}");
        Assert.NotEqual(0, push.ExitCode);
    }

    [Fact]
    public async Task Admin_user_pushes_while_enabled()
    {
        using var enable = await _api.Owner.PostAsync("/api/v1/registries/default/admin/enable", null);
        var admin = await AuthApi.ExpectAsync(enable, HttpStatusCode.OK);
        var creds = $"{admin.GetProperty("username").GetString()}:{admin.GetProperty("newPasswords").GetProperty("password").GetString()}";
        try
        {
            var repo = OciClient.NewRepo("admin");
            (await PushAsync(await SourceAsync(), repo, creds)).EnsureSuccess();
        }
        finally
        {
            using var disable = await _api.Owner.PostAsync("/api/v1/registries/default/admin/disable", null);
        }
    }

    [Fact]
    public async Task Refresh_token_works_as_the_identity_token_password()
    {
        var user = await _api.CreateUserAsync("AcrPush");
        using var login = await _api.Owner.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["access_type"] = "offline",
        }));
        var refresh = (await AuthApi.ExpectAsync(login, HttpStatusCode.OK)).GetProperty("refresh_token").GetString();
        var repo = OciClient.NewRepo("refresh");
        (await PushAsync(await SourceAsync(), repo, $"00000000-0000-0000-0000-000000000000:{refresh}")).EnsureSuccess();
    }

    [Fact]
    public async Task AcrPull_user_is_refused_a_push_with_the_reason()
    {
        var user = await _api.CreateUserAsync("AcrPull");
        var repo = OciClient.NewRepo("pull");
        var result = await PushAsync(await SourceAsync(), repo, $"{user.Username}:{user.Password}");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("may not push", result.StdErr, StringComparison.Ordinal);

        var wrong = await InspectAsync(repo, $"{user.Username}:wrong-password-123");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("invalid username or password", wrong.StdErr, StringComparison.Ordinal);
    }
}
