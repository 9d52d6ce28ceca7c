using Berth.Advisories.Sqlite;
using Berth.Api.Auth;
using Berth.Api.Limits;
using Berth.Api.Management;
using Berth.Api.Oci;
using Berth.Core.Events;
using Berth.Core.Gc;
using Berth.Core.Health;
using Berth.Core.Identity;
using Berth.Core.Jobs;
using Berth.Core.Metadata;
using Berth.Core.Registries;
using Berth.Core.Registry;
using Berth.Core.Storage;
using Berth.Core.Storage.FileSystem;
using Berth.Core.Webhooks;
using Berth.Metadata.Sqlite;
using Berth.Metadata.Sqlite.Access;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Storage;
using Berth.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Server.Hosting;

/// <summary>The composition root: the only place that knows which providers exist.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddBerth(this IServiceCollection services, IConfiguration config, ServerOptions server)
    {
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddOptions<ServerOptions>().Bind(config.GetSection(ServerOptions.Section)).ValidateOnStart();
        services.AddOptions<RegistryOptions>().Bind(config.GetSection("Berth:Registry")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GcOptions>().Bind(config.GetSection("Berth:Gc")).ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(config.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddOptions<NetworkOptions>().Bind(config.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        var data = Path.GetFullPath(server.Data);
        switch (server.Storage)
        {
            case "filesystem":
                services.AddSingleton(_ => new FileSystemBlobStore(data));
                services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<FileSystemBlobStore>());
                services.AddSingleton<IBlobStaging>(sp => sp.GetRequiredService<FileSystemBlobStore>());
                services.AddSingleton<IReadinessProbe>(_ => new FileSystemStorageProbe(data));
                break;
        }

        switch (server.Metadata)
        {
            case "sqlite":
                Directory.CreateDirectory(data);
                services.AddSqliteMetadata(Path.Combine(data, "berth.db"), o => o.Synchronous = server.SqliteSynchronous);
                services.AddSqliteIdentity();
                services.AddSqliteAccessQueries();
                services.AddSqliteScanning();
                break;
        }

        // Advisories live in their own SQLite file whatever the metadata provider: bulk imports never block pushes.
        var downloads = Directory.CreateDirectory(Path.Combine(data, "tmp", "advisories")).FullName;
        services.AddSqliteAdvisories(Path.Combine(data, "advisories.db"));
        services.AddSingleton(sp => new AdvisoryImporter(
            sp.GetRequiredService<IAdvisoryStore>(),
            new HttpClient { Timeout = TimeSpan.FromMinutes(30) },
            new ImportOptions { TempDirectory = downloads }));

        DecorateManifestStore(services);
        DecorateBlobIndex(services);
        services.AddSingleton<DigestLocks>()
            .AddSingleton<WriteActivity>()
            .AddSingleton<UploadHashes>()
            .AddSingleton<RepositoryResolver>()
            .AddSingleton<BlobCommitter>()
            .AddSingleton<StorageQuota>()
            .AddSingleton<BlobService>()
            .AddSingleton<UploadService>()
            .AddSingleton<ManifestService>()
            .AddSingleton<UploadReaper>()
            .AddSingleton<GarbageCollector>()
            .AddSingleton<IScheduledJob, GcJob>()
            .AddSingleton<JobScheduler>()
            .AddHostedService<JobHost>();
        services.AddBerthEvents(config).AddHostedService<EventHost>();
        services.AddBerthWebhooks(config, Path.Combine(data, "keys", "webhook-secrets.key"));
        services.AddBerthIdentity(config);
        services.AddBerthRegistries(config);
        services.AddHostedService<BootstrapHost>();
        services.AddTokenService(Path.Combine(data, "keys"));
        services.AddOciApi();
        services.AddRegistryLimits();
        services.AddManagementApi();
        services.AddBerthObservability(config);
        services.AddBerthScanning(config);
        return services;
    }

    // Blob HEAD/GET existence checks are served from memory: wrap the provider's blob index.
    private static void DecorateBlobIndex(IServiceCollection services)
    {
        var provider = services.Last(d => d.ServiceType == typeof(IBlobIndex));
        services.Remove(provider);
        services.AddSingleton(sp => new CachingBlobIndex(Resolve<IBlobIndex>(sp, provider)));
        services.AddSingleton<IBlobIndex>(sp => sp.GetRequiredService<CachingBlobIndex>());
    }

    private static T Resolve<T>(IServiceProvider sp, ServiceDescriptor d) where T : class =>
        d.ImplementationInstance as T
        ?? (d.ImplementationType is { } type ? (T)ActivatorUtilities.CreateInstance(sp, type) : (T)d.ImplementationFactory!(sp));

    // Pulls are served from memory: wrap whichever manifest store the provider registered.
    private static void DecorateManifestStore(IServiceCollection services)
    {
        var provider = services.Last(d => d.ServiceType == typeof(IManifestStore));
        services.Remove(provider);
        services.AddSingleton(sp => new CachingManifestStore(Resolve<IManifestStore>(sp, provider)));
        services.AddSingleton<IManifestStore>(sp => sp.GetRequiredService<CachingManifestStore>());
    }
}
