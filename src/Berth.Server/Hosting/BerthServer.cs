using Berth.Api.Auth;
using Berth.Api.Management;
using Berth.Api.Oci;
using Berth.Metadata.Sqlite.Database;
using Berth.Server.Configuration;
using Berth.Server.Management;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Server.Hosting;

/// <summary>
/// Builds the Berth web application. Configuration, lowest to highest precedence: built-in defaults,
/// appsettings.json (next to the binary, then the working directory), the <c>--config</c> file,
/// <c>BERTH__*</c> environment variables, command-line flags (<paramref name="overrides"/>).
/// </summary>
public static class BerthServer
{
    public static WebApplication Build(IReadOnlyDictionary<string, string?> overrides, string? configFile = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        var config = builder.Configuration;
        config.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        config.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (configFile is not null)
        {
            config.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        config.AddEnvironmentVariables();
        config.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        // One line when ready (ours); the framework only speaks up for warnings.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var server = config.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var auth = config.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var socket = IdentitySocket.PathFor(server.Data);
        var socketListening = false;
        builder.Services.AddBerth(config, server);
        builder.WebHost.ConfigureKestrel(k =>
        {
            ConfigureKestrel(k, server);
            socketListening = auth.IdentityEndpoint && IdentitySocket.TryListen(k, socket);
        });

        var app = builder.Build();
        // Validate options now so a bad setting ends start-up with one clear message, before hosting logs a trace.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        // Fail at start-up, not on the first request, when the database cannot be opened or migrated.
        app.Services.GetService<SqliteDatabase>()?.EnsureMigrated();
        app.UseIdentitySocketIsolation();
        app.UseTrustedProxies();
        app.UseBerthObservability();
        app.UseManagementErrors();
        app.MapOci();
        app.MapTokenService();
        app.MapManagementApi();
        app.MapManagedIdentityEndpoint();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (socketListening)
            {
                IdentitySocket.Restrict(socket);
            }

            LogReady(app, server, socketListening ? socket : null);
        });
        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ServerOptions server)
    {
        kestrel.AddServerHeader = false;
        // Blobs are streamed and capped by RegistryOptions.MaxBlobBytes; manifests by MaxManifestBytes.
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(server.RequestHeadersTimeoutSeconds);
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(server.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(10));
        kestrel.Limits.MaxConcurrentConnections = server.MaxConnections > 0 ? server.MaxConnections : null;
        if (!ListenAddress.TryParse(server.Listen, out var endpoint))
        {
            return; // options validation reports it
        }

        kestrel.Listen(endpoint, listen =>
        {
            if (server.TlsCert is not null && server.TlsKey is not null)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(Tls.LoadCertificate(server.TlsCert, server.TlsKey));
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1;
            }
        });
    }

    private static void LogReady(WebApplication app, ServerOptions server, string? identitySocket)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth");
        var urls = string.Join(", ", app.Urls.Where(u => !u.StartsWith("http://unix:", StringComparison.Ordinal)));
        if (identitySocket is not null)
        {
            logger.LogInformation("Managed identity endpoint on {Socket}", identitySocket);
        }

        logger.LogInformation("Berth is ready: listening on {Urls}, data in {Data}", urls, Path.GetFullPath(server.Data));
    }
}
