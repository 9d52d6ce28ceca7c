using Berth.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// A real Berth server on a loopback port (port 0), with its own temporary data directory. One per test
/// class (<c>IClassFixture</c>); tests use fresh repository names so they do not interfere.
/// </summary>
public class BerthServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "berth-test-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra configuration for this fixture (keys like <c>Berth:Gc:GracePeriod</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Berth:Listen"] = "127.0.0.1:0",
            ["Berth:Data"] = DataDirectory,
            ["Berth:Gc:Enabled"] = "false",
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
