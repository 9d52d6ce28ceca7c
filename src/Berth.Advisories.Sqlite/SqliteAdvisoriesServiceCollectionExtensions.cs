using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Store;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Advisories.Sqlite;

public static class SqliteAdvisoriesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite advisory store for the database file at <paramref name="databasePath"/> (keep it
    /// apart from the registry metadata database) as the singleton <see cref="IAdvisoryStore"/>. The schema is
    /// created on first use.
    /// </summary>
    public static IServiceCollection AddSqliteAdvisories(
        this IServiceCollection services,
        string databasePath,
        Action<SqliteAdvisoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new SqliteAdvisoryOptions { DataFile = databasePath };
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new AdvisoryDatabase(options));
        services.AddSingleton<IAdvisoryStore, SqliteAdvisoryStore>();
        return services;
    }
}
