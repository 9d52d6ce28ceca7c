using System.Net.Http.Headers;
using System.Text;
using Berth.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// A real Berth server on a loopback port (port 0), with its own temporary data directory. One per test
/// class (<c>IClassFixture</c>); tests use fresh repository names so they do not interfere. Nothing is open
/// by default, so the server bootstraps its initial Owner with a known password (the production
/// <c>Berth:Identity:InitialOwnerPassword</c> setting) and <see cref="CreateClient()"/> sends the Owner's
/// Basic credentials; <see cref="CreateAnonymousClient"/> sends none.
/// </summary>
public class BerthServerFixture : IAsyncLifetime
{
    public const string OwnerUsername = "owner";
    public const string OwnerPassword = "fixture-owner-password";

    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "berth-test-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra configuration for this fixture (keys like <c>Berth:Gc:GracePeriod</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A client authenticated as the initial Owner (HTTP Basic on every request).</summary>
    public HttpClient CreateClient() => CreateClient(OwnerUsername, OwnerPassword);

    public HttpClient CreateClient(string username, string password)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = Basic(username, password);
        return client;
    }

    /// <summary>A client that sends a bearer token on every request.</summary>
    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public static AuthenticationHeaderValue Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public async Task InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Berth:Listen"] = "127.0.0.1:0",
            ["Berth:Data"] = DataDirectory,
            ["Berth:Gc:Enabled"] = "false",
            ["Berth:Identity:InitialOwnerUsername"] = OwnerUsername,
            ["Berth:Identity:InitialOwnerPassword"] = OwnerPassword,
            // Tests create many identities; the production hash cost would only slow them down.
            ["Berth:Identity:PasswordHashIterations"] = "1000",
        };
        foreach (var (k, v) in Settings)
        {
            overrides[k] = v;
        }

        _app = BerthServer.Build(overrides, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

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
