using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="IScopeMapStore"/> on <c>scope_maps</c> and <c>scope_map_actions</c> (actions listed in byte order).</summary>
public sealed class SqliteScopeMapStore(SqliteDatabase database) : IScopeMapStore
{
    private const string SelectMaps = "SELECT registry_id AS RegistryId, name AS Name, description AS Description, created_at AS CreatedAt FROM scope_maps";

    public Task<StoreOutcome> InsertAsync(ScopeMapRecord map, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.ExecuteScalar<long>("SELECT count(*) FROM registries WHERE id = @registryId;", new { registryId = map.RegistryId }, t) == 0)
            {
                return StoreOutcome.NotFound;
            }

            if (Exists(c, t, map.RegistryId, map.Name))
            {
                return StoreOutcome.NameTaken;
            }

            c.Execute(
                "INSERT INTO scope_maps (registry_id, name, description, created_at) VALUES (@registryId, @name, @description, @createdAt);",
                new { registryId = map.RegistryId, name = map.Name, description = map.Description, createdAt = UnixTime.ToMs(map.CreatedAt) },
                t);
            AddActions(c, t, map.RegistryId, map.Name, map.Actions);
            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    public Task<IReadOnlyList<ScopeMapRecord>> ListAsync(long registryId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var maps = c.Query<MapRow>($"{SelectMaps} WHERE registry_id = @registryId ORDER BY name;", new { registryId }).ToList();
        var actions = c.Query<ActionRow>(
                "SELECT scope_map AS ScopeMap, action AS Action FROM scope_map_actions WHERE registry_id = @registryId ORDER BY scope_map, action;",
                new { registryId })
            .ToLookup(a => a.ScopeMap, a => a.Action, StringComparer.OrdinalIgnoreCase);
        return Task.FromResult<IReadOnlyList<ScopeMapRecord>>(maps.Select(m => m.ToRecord(actions[m.Name].ToList())).ToList());
    }

    public Task<ScopeMapRecord?> GetAsync(long registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(Read(c, null, registryId, name));
    }

    public Task<StoreOutcome> UpdateAsync(long registryId, string name, IReadOnlyList<string> add, IReadOnlyList<string> remove, string? description, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (!Exists(c, t, registryId, name))
            {
                return StoreOutcome.NotFound;
            }

            foreach (var action in remove)
            {
                c.Execute("DELETE FROM scope_map_actions WHERE registry_id = @registryId AND scope_map = @name AND action = @action;", new { registryId, name, action }, t);
            }

            AddActions(c, t, registryId, name, add);
            if (description is not null)
            {
                c.Execute("UPDATE scope_maps SET description = @description WHERE registry_id = @registryId AND name = @name;", new { registryId, name, description }, t);
            }

            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    public Task<StoreOutcome> DeleteAsync(long registryId, string name, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (!Exists(c, t, registryId, name))
            {
                return StoreOutcome.NotFound;
            }

            if (c.ExecuteScalar<long>("SELECT count(*) FROM tokens WHERE registry_id = @registryId AND scope_map = @name;", new { registryId, name }, t) > 0)
            {
                return StoreOutcome.InUse;
            }

            c.Execute("DELETE FROM scope_maps WHERE registry_id = @registryId AND name = @name;", new { registryId, name }, t);
            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    private static ScopeMapRecord? Read(SqliteConnection c, SqliteTransaction? t, long registryId, string name)
    {
        var map = c.QuerySingleOrDefault<MapRow>($"{SelectMaps} WHERE registry_id = @registryId AND name = @name;", new { registryId, name }, t);
        if (map is null)
        {
            return null;
        }

        var actions = c.Query<string>(
            "SELECT action FROM scope_map_actions WHERE registry_id = @registryId AND scope_map = @name ORDER BY action;", new { registryId, name }, t);
        return map.ToRecord(actions.ToList());
    }

    private static bool Exists(SqliteConnection c, SqliteTransaction t, long registryId, string name) =>
        c.ExecuteScalar<long>("SELECT count(*) FROM scope_maps WHERE registry_id = @registryId AND name = @name;", new { registryId, name }, t) > 0;

    private static void AddActions(SqliteConnection c, SqliteTransaction t, long registryId, string name, IEnumerable<string> actions)
    {
        foreach (var action in actions)
        {
            c.Execute(
                "INSERT INTO scope_map_actions (registry_id, scope_map, action) VALUES (@registryId, @name, @action) ON CONFLICT DO NOTHING;",
                new { registryId, name, action },
                t);
        }
    }

    private sealed class MapRow
    {
        public long RegistryId { get; set; }

        public string Name { get; set; } = "";

        public string? Description { get; set; }

        public long CreatedAt { get; set; }

        public ScopeMapRecord ToRecord(IReadOnlyList<string> actions) => new(RegistryId, Name, Description, actions, UnixTime.FromMs(CreatedAt));
    }

    private sealed class ActionRow
    {
        public string ScopeMap { get; set; } = "";

        public string Action { get; set; } = "";
    }
}
