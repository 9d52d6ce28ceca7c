using System.Text.Json;
using Berth.Core.Identity;
using Berth.Core.Registries;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Identity;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Registries;

/// <summary>
/// <see cref="IRegistryStore"/> on the <c>registries</c> table; the admin-user flag is read from the admin principal
/// and deletes rely on the schema's cascades. Writes record their audit entry and bump the identity version.
/// </summary>
public sealed class SqliteRegistryStore(SqliteDatabase database) : IRegistryStore
{
    private const string Select = """
        SELECT r.id AS Id, r.name AS Name, r.sku AS Sku, coalesce(p.enabled, 0) AS Admin, r.anonymous_pull AS AnonymousPull,
               r.tags AS Tags, r.created_at AS CreatedAt, r.network_default_action AS DefaultAction,
               r.network_ranges AS Ranges, r.public_network_access AS PublicAccess, r.storage_bytes AS StorageBytes
        FROM registries r LEFT JOIN principals p ON p.id = 'adm_' || r.id
        """;

    public Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult<IReadOnlyList<RegistryRecord>>([.. c.Query<Row>($"{Select} ORDER BY r.id;").Select(r => r.ToRecord())]);
    }

    public Task<RegistryRecord?> GetAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(Get(c, null, id));
    }

    public Task<RegistryRecord?> CreateAsync(RegistryDraft draft, DateTimeOffset at, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.ExecuteScalar<long>("SELECT count(*) FROM registries WHERE name = @Name COLLATE NOCASE;", draft, t) > 0)
            {
                return null;
            }

            // Ids are never reused; the admin user's principal row comes from the registries_admin_user trigger.
            var id = c.ExecuteScalar<long>(
                """
                UPDATE identity_state SET last_registry_id = max(last_registry_id, (SELECT coalesce(max(id), 0) FROM registries)) + 1
                WHERE id = 1 RETURNING last_registry_id;
                """,
                transaction: t);
            c.Execute(
                "INSERT INTO registries (id, name, created_at, anonymous_pull, sku, tags) VALUES (@id, @name, @at, @anonymous, @sku, @tags);",
                new { id, name = draft.Name, at = UnixTime.ToMs(at), anonymous = draft.AnonymousPullEnabled ? 1 : 0, sku = draft.Sku.ToString(), tags = Json(draft.Tags) },
                t);
            IdentityChange.Record(c, t, audit);
            return Get(c, t, id);
        }));
    }

    public Task<RegistryRecord?> UpdateAsync(long id, RegistryChanges changes, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            var rules = changes.NetworkRules;
            var updated = c.Execute(
                """
                UPDATE registries SET
                    sku = coalesce(@sku, sku),
                    anonymous_pull = coalesce(@anonymous, anonymous_pull),
                    tags = coalesce(@tags, tags),
                    network_default_action = coalesce(@action, network_default_action),
                    network_ranges = coalesce(@ranges, network_ranges),
                    public_network_access = coalesce(@publicAccess, public_network_access)
                WHERE id = @id;
                """,
                new
                {
                    id,
                    sku = changes.Sku?.ToString(),
                    anonymous = changes.AnonymousPullEnabled is { } a ? (a ? 1 : 0) : (int?)null,
                    tags = changes.Tags is null ? null : Json(changes.Tags),
                    action = rules?.DefaultAction.ToString(),
                    ranges = rules is null ? null : JsonSerializer.Serialize(rules.AllowedRanges),
                    publicAccess = rules is null ? (int?)null : rules.PublicNetworkAccess ? 1 : 0,
                },
                t);
            if (updated == 0)
            {
                return null;
            }

            IdentityChange.Record(c, t, audit);
            return Get(c, t, id);
        }));
    }

    public Task<bool> DeleteAsync(long id, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            // Principals of the registry cascade from it; their secrets and role assignments cascade from them.
            if (c.Execute("DELETE FROM registries WHERE id = @id;", new { id }, t) == 0)
            {
                return false;
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    public Task<long> GetStorageBytesAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.ExecuteScalar<long?>("SELECT storage_bytes FROM registries WHERE id = @id;", new { id }) ?? 0);
    }

    public Task<int> CountRepositoryTokensAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.ExecuteScalar<int>("SELECT count(*) FROM tokens WHERE registry_id = @id;", new { id }));
    }

    private static RegistryRecord? Get(SqliteConnection c, SqliteTransaction? t, long id) =>
        c.QuerySingleOrDefault<Row>($"{Select} WHERE r.id = @id;", new { id }, t)?.ToRecord();

    private static string Json(IReadOnlyDictionary<string, string> tags) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(tags.ToDictionary(), StringComparer.Ordinal));

    private sealed class Row
    {
        public long Id { get; set; }

        public string Name { get; set; } = "";

        public string Sku { get; set; } = "";

        public long Admin { get; set; }

        public long AnonymousPull { get; set; }

        public string Tags { get; set; } = "{}";

        public long CreatedAt { get; set; }

        public string DefaultAction { get; set; } = "Allow";

        public string Ranges { get; set; } = "[]";

        public long PublicAccess { get; set; }

        public long StorageBytes { get; set; }

        public RegistryRecord ToRecord() => new(
            Id,
            Name,
            Enum.Parse<Sku>(Sku),
            Admin != 0,
            AnonymousPull != 0,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Tags) ?? [],
            UnixTime.FromMs(CreatedAt),
            new NetworkRuleSet(Enum.Parse<NetworkDefaultAction>(DefaultAction), JsonSerializer.Deserialize<List<string>>(Ranges) ?? [], PublicAccess != 0),
            StorageBytes);
    }
}
