using Berth.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>
/// A real Berth server on a loopback port (port 0) with a temporary data directory and a known initial Owner
/// password (<c>Berth:Identity:InitialOwnerPassword</c>); password hashing is cheap so tests stay fast.
/// One per test class.
/// </summary>
public sealed class BerthFixture : IAsyncLifetime
{
    public const string OwnerUsername = "owner";

    public const string OwnerPassword = "owner-password-for-tests";

    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "berth-cli-server-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><c>127.0.0.1:PORT</c>: the server as the CLI, Docker and Podman name it.</summary>
    public string Server => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>A CLI runner logged in to this server as the Owner (<c>berth login</c> stored its refresh token).</summary>
    public async Task<CliRunner> OwnerCliAsync()
    {
        var cli = new CliRunner();
        var login = await cli.RunWithInputAsync(OwnerPassword, "login", Server, "-u", OwnerUsername, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Berth:Listen"] = "127.0.0.1:0",
            ["Berth:Data"] = DataDirectory,
            ["Berth:Gc:Enabled"] = "false",
            ["Berth:Auth:IdentityEndpoint"] = "false",
            ["Berth:Identity:InitialOwnerUsername"] = OwnerUsername,
            ["Berth:Identity:InitialOwnerPassword"] = OwnerPassword,
            ["Berth:Identity:PasswordHashIterations"] = "1000",
        };
        _app = BerthServer.Build(overrides, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
