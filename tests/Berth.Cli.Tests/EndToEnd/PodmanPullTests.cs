using System.Net.Http.Headers;
using System.Text;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth login</c> then <c>podman pull</c> with the stored refresh token (identitytoken), as issue 3 asks.</summary>
public sealed class PodmanPullTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    [Fact]
    public async Task Podman_pulls_with_the_login_berth_stored_and_not_after_logout()
    {
        Assert.True(Podman.Installed, "podman is required (scripts/test.sh installs it)");
        var repository = "cli/hello" + Guid.NewGuid().ToString("N")[..8];
        using (var owner = server.CreateClient())
        {
            owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BerthFixture.OwnerUsername}:{BerthFixture.OwnerPassword}")));
            await TestImage.PushAsync(owner, repository, "1");
        }

        using var cli = new CliRunner();
        var puller = "puller" + Guid.NewGuid().ToString("N")[..8];
        var login = await cli.RunWithInputAsync(BerthFixture.OwnerPassword, "login", server.Server, "-u", BerthFixture.OwnerUsername, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal(0, (await cli.RunWithInputAsync("puller-password-123", "user", "create", puller, "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("role", "assignment", "create", "--principal", puller, "--role", "AcrPull", "--scope", "/registries/default")).ExitCode);

        using var podman = new Podman(server.Server);
        var authFile = Path.Combine(podman.Root, "auth.json");
        cli.Variables["REGISTRY_AUTH_FILE"] = authFile;
        var pullerLogin = await cli.RunWithInputAsync("puller-password-123", "login", server.Server, "-u", puller, "--password-stdin", "--podman");
        Assert.True(pullerLogin.ExitCode == 0, pullerLogin.ToString());
        Assert.Contains(authFile, pullerLogin.Out, StringComparison.Ordinal);

        var image = $"{server.Server}/{repository}:1";
        var pull = await podman.RunAsync(authFile, "pull", "--quiet", image);
        Assert.True(pull.ExitCode == 0, $"podman pull: {pull.Output}");
        var inspect = await podman.RunAsync(authFile, "image", "inspect", "--format", "{{.Id}}", image);
        Assert.True(inspect.ExitCode == 0, inspect.Output);

        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("logout", server.Server)).ExitCode);
        await podman.RunAsync(authFile, "rmi", "--force", image);
        var denied = await podman.RunAsync(authFile, "pull", "--quiet", image);
        Assert.NotEqual(0, denied.ExitCode);
    }
}
