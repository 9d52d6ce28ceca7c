using Berth.Core.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Metadata.Sqlite.Access;

public static class SqliteAccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the queries the data plane's authorization needs (blob locations, upload owners) on the
    /// <see cref="Database.SqliteDatabase"/> registered by <see cref="SqliteMetadataServiceCollectionExtensions.AddSqliteMetadata"/>.
    /// </summary>
    public static IServiceCollection AddSqliteAccessQueries(this IServiceCollection services) => services
        .AddSingleton<IBlobLocator, SqliteBlobLocator>()
        .AddSingleton<IUploadOwners, SqliteUploadOwners>();
}
