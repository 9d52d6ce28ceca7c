using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Health;

/// <summary>
/// <see cref="IServerStatistics"/>: each registry's <c>storage_bytes</c> (kept by triggers in the blob link's
/// transaction, the same figure the SKU storage limit uses) and a count of <c>uploads</c>.
/// </summary>
public sealed class SqliteServerStatistics(SqliteDatabase database) : IServerStatistics
{
    public IReadOnlyList<RegistryStorage> StorageByRegistry()
    {
        using var c = database.Open();
        return c.Query<(string Name, long Bytes)>(
                "SELECT name, storage_bytes FROM registries ORDER BY name;")
            .Select(r => new RegistryStorage(r.Name, r.Bytes))
            .ToList();
    }

    public long OpenUploadSessions()
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM uploads;");
    }
}
