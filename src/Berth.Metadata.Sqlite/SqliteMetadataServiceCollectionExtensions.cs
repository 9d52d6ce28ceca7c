using Berth.Core.Health;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Webhooks;
using Berth.Metadata.Sqlite.Blobs;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Events;
using Berth.Metadata.Sqlite.Gc;
using Berth.Metadata.Sqlite.Health;
using Berth.Metadata.Sqlite.Manifests;
using Berth.Metadata.Sqlite.Repositories;
using Berth.Metadata.Sqlite.Uploads;
using Berth.Metadata.Sqlite.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Metadata.Sqlite;

public static class SqliteMetadataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite metadata provider for the database file at <paramref name="databasePath"/>:
    /// one shared <see cref="SqliteDatabase"/> and the metadata interfaces, statistics, readiness probe, event outbox (<see cref="IEventOutbox"/>, <see cref="OutboxWriter"/>) and webhook stores as singletons. The schema is
    /// created or upgraded on first use (or call <see cref="SqliteDatabase.EnsureMigrated"/> at startup).
    /// </summary>
    public static IServiceCollection AddSqliteMetadata(
        this IServiceCollection services,
        string databasePath,
        Action<SqliteMetadataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new SqliteMetadataOptions { DataFile = databasePath };
        configure?.Invoke(options);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new SqliteDatabase(options));
        services.AddSingleton<IRepositoryStore, SqliteRepositoryStore>();
        services.AddSingleton<IBlobIndex, SqliteBlobIndex>();
        services.AddSingleton<IManifestStore, SqliteManifestStore>();
        services.AddSingleton<IUploadStore, SqliteUploadStore>();
        services.AddSingleton<IGarbageIndex, SqliteGarbageIndex>();
        services.AddSingleton<IServerStatistics, SqliteServerStatistics>();
        services.AddSingleton<IReadinessProbe, SqliteReadinessProbe>();
        services.TryAddSingleton<EventSignal>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<IEventOutbox, SqliteEventOutbox>();
        services.AddSingleton<IWebhookStore, SqliteWebhookStore>();
        services.AddSingleton<IWebhookDeliveryStore, SqliteWebhookDeliveryStore>();
        return services;
    }
}
