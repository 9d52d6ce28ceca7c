using Berth.Core.Identity.Stores;
using Berth.Core.Registries;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Identity;
using Berth.Metadata.Sqlite.Registries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Metadata.Sqlite;

public static class SqliteIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite identity stores (every interface of <c>Berth.Core.Identity.Stores</c>, and the registry store) as singletons over
    /// the database registered by <see cref="SqliteMetadataServiceCollectionExtensions.AddSqliteMetadata"/>, which
    /// must be called first. The services on top come from <c>AddBerthIdentity()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddSqliteMetadata has not been called.</exception>
    public static IServiceCollection AddSqliteIdentity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            throw new InvalidOperationException("call AddSqliteMetadata before AddSqliteIdentity: the identity stores share its database");
        }

        services.TryAddSingleton<IPrincipalStore, SqlitePrincipalStore>();
        services.TryAddSingleton<ISecretStore, SqliteSecretStore>();
        services.TryAddSingleton<IRoleAssignmentStore, SqliteRoleAssignmentStore>();
        services.TryAddSingleton<IScopeMapStore, SqliteScopeMapStore>();
        services.TryAddSingleton<IObjectAttributeStore, SqliteObjectAttributeStore>();
        services.TryAddSingleton<IRegistryAccessStore, SqliteRegistryAccessStore>();
        services.TryAddSingleton<IRegistryStore, SqliteRegistryStore>();
        services.TryAddSingleton<SqliteAuditStore>();
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<SqliteAuditStore>());
        services.TryAddSingleton<IIdentityVersionStore>(sp => sp.GetRequiredService<SqliteAuditStore>());
        return services;
    }
}
