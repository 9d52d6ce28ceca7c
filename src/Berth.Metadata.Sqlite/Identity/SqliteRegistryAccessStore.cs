using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="IRegistryAccessStore"/> on the <c>registries</c> table.</summary>
public sealed class SqliteRegistryAccessStore(SqliteDatabase database) : IRegistryAccessStore
{
    private const string Select = "SELECT id AS Id, name AS Name, anonymous_pull AS AnonymousPull, created_at AS CreatedAt FROM registries";

    public Task<RegistryAccessRecord?> GetAsync(long registryId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<RegistryRow>($"{Select} WHERE id = @registryId;", new { registryId })?.ToRecord());
    }

    public Task<RegistryAccessRecord?> FindAsync(string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<RegistryRow>($"{Select} WHERE name = @name COLLATE NOCASE;", new { name })?.ToRecord());
    }

    public Task<bool> SetAnonymousPullAsync(long registryId, bool enabled, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.Execute("UPDATE registries SET anonymous_pull = @value WHERE id = @registryId;", new { registryId, value = enabled ? 1 : 0 }, t) == 0)
            {
                return false;
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    private sealed class RegistryRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = "";

        public long AnonymousPull { get; set; }

        public long CreatedAt { get; set; }

        public RegistryAccessRecord ToRecord() => new(Id, Name, AnonymousPull != 0, UnixTime.FromMs(CreatedAt));
    }
}
