using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Health;

/// <summary><see cref="IServerStatistics"/> as two aggregate queries over <c>blobs</c> and <c>uploads</c>.</summary>
public sealed class SqliteServerStatistics(SqliteDatabase database) : IServerStatistics
{
    public IReadOnlyList<RegistryStorage> StorageByRegistry()
    {
        using var c = database.Open();
        return c.Query<(string Name, long Bytes)>(
                "SELECT r.name, coalesce((SELECT sum(b.size) FROM blobs b WHERE b.registry_id = r.id), 0) FROM registries r ORDER BY r.name;")
            .Select(r => new RegistryStorage(r.Name, r.Bytes))
            .ToList();
    }

    public long OpenUploadSessions()
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM uploads;");
    }
}
