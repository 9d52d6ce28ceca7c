using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Metadata.Sqlite;

public static class SqliteScanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite scan stores (<see cref="IScanStore"/>, <see cref="IScanPolicyStore"/>,
    /// <see cref="IManifestActivity"/>) over the database of <see cref="SqliteMetadataServiceCollectionExtensions.AddSqliteMetadata"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddSqliteMetadata has not been called.</exception>
    public static IServiceCollection AddSqliteScanning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            throw new InvalidOperationException("call AddSqliteMetadata before AddSqliteScanning: the scan stores share its database");
        }

        services.TryAddSingleton<IScanStore, SqliteScanStore>();
        services.TryAddSingleton<IScanPolicyStore, SqliteScanPolicyStore>();
        services.TryAddSingleton<IManifestActivity, SqliteManifestActivity>();
        return services;
    }
}
