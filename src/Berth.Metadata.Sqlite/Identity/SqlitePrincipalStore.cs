using Berth.Core.Identity;
using Berth.Core.Identity.Scopes;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="IPrincipalStore"/> on the <c>principals</c>, <c>tokens</c> and <c>secrets</c> tables; preconditions are checked inside each write transaction.</summary>
public sealed class SqlitePrincipalStore(SqliteDatabase database) : IPrincipalStore
{
    private const string Select = """
        SELECT p.id AS Id, p.kind AS Kind, p.name AS Name, p.registry_id AS RegistryId, p.enabled AS Enabled,
               p.created_at AS CreatedAt, p.app_id AS AppId, t.scope_map AS ScopeMap
        FROM principals p LEFT JOIN tokens t ON t.principal_id = p.id
        """;

    public Task<StoreOutcome> InsertAsync(PrincipalRecord principal, IReadOnlyList<SecretRecord> secrets, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(secrets);
        ct.ThrowIfCancellationRequested();
        var kind = PrincipalKinds.ToText(principal.Kind);
        return Task.FromResult(database.Write((c, t) =>
        {
            if (principal.RegistryId is { } registryId && c.ExecuteScalar<long>("SELECT count(*) FROM registries WHERE id = @registryId;", new { registryId }, t) == 0)
            {
                return StoreOutcome.NotFound;
            }

            var taken = c.ExecuteScalar<long>(
                """
                SELECT count(*) FROM principals
                WHERE (kind = @kind AND coalesce(registry_id, 0) = coalesce(@registryId, 0) AND name = @name COLLATE NOCASE)
                   OR id = @id OR (@appId IS NOT NULL AND app_id = @appId);
                """,
                new { kind, registryId = principal.RegistryId, name = principal.Name, id = principal.Id, appId = principal.AppId },
                t);
            if (taken > 0)
            {
                return StoreOutcome.NameTaken;
            }

            if (principal.Kind == PrincipalKind.RepositoryToken && !ScopeMapExists(c, t, principal.RegistryId, principal.ScopeMap))
            {
                return StoreOutcome.MissingReference;
            }

            c.Execute(
                """
                INSERT INTO principals (id, kind, name, registry_id, app_id, enabled, created_at)
                VALUES (@Id, @kind, @Name, @RegistryId, @AppId, @enabled, @createdAt);
                """,
                new { principal.Id, kind, principal.Name, principal.RegistryId, principal.AppId, enabled = principal.Enabled ? 1 : 0, createdAt = UnixTime.ToMs(principal.CreatedAt) },
                t);
            if (principal.Kind == PrincipalKind.RepositoryToken)
            {
                c.Execute(
                    "INSERT INTO tokens (principal_id, registry_id, scope_map) VALUES (@Id, @RegistryId, @ScopeMap);",
                    new { principal.Id, principal.RegistryId, principal.ScopeMap },
                    t);
            }

            foreach (var secret in secrets)
            {
                SqliteSecretStore.Upsert(c, t, secret with { PrincipalId = principal.Id });
            }

            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    public Task<PrincipalRecord?> GetAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<PrincipalRow>($"{Select} WHERE p.id = @id;", new { id })?.ToRecord());
    }

    public Task<PrincipalRecord?> FindByNameAsync(PrincipalKind kind, long? registryId, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var row = c.QuerySingleOrDefault<PrincipalRow>(
            $"{Select} WHERE p.kind = @kind AND coalesce(p.registry_id, 0) = coalesce(@registryId, 0) AND p.name = @name COLLATE NOCASE;",
            new { kind = PrincipalKinds.ToText(kind), registryId, name });
        return Task.FromResult(row?.ToRecord());
    }

    public Task<PrincipalRecord?> FindByAppIdAsync(string appId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<PrincipalRow>($"{Select} WHERE p.app_id = @appId;", new { appId })?.ToRecord());
    }

    public Task<IReadOnlyList<PrincipalRecord>> ListAsync(PrincipalKind kind, long? registryId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<PrincipalRow>(
            $"{Select} WHERE p.kind = @kind AND (@registryId IS NULL OR p.registry_id = @registryId) ORDER BY p.name COLLATE NOCASE, p.id;",
            new { kind = PrincipalKinds.ToText(kind), registryId });
        return Task.FromResult<IReadOnlyList<PrincipalRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    public Task<StoreOutcome> UpdateAsync(string id, bool? enabled, string? scopeMap, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            var row = c.QuerySingleOrDefault<PrincipalRow>($"{Select} WHERE p.id = @id;", new { id }, t);
            if (row is null)
            {
                return StoreOutcome.NotFound;
            }

            if (scopeMap is not null)
            {
                if (row.Kind != "token" || !ScopeMapExists(c, t, row.RegistryId, scopeMap))
                {
                    return StoreOutcome.MissingReference;
                }

                c.Execute("UPDATE tokens SET scope_map = @scopeMap WHERE principal_id = @id;", new { id, scopeMap }, t);
            }

            if (enabled is { } on)
            {
                c.Execute("UPDATE principals SET enabled = @value WHERE id = @id;", new { id, value = on ? 1 : 0 }, t);
            }

            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    public Task<bool> DeleteAsync(string id, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            // Secrets, tokens rows and role assignments go with it (ON DELETE CASCADE).
            if (c.Execute("DELETE FROM principals WHERE id = @id AND kind <> 'admin';", new { id }, t) == 0)
            {
                return false;
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    private static bool ScopeMapExists(SqliteConnection c, SqliteTransaction t, long? registryId, string? name) =>
        name is not null && (SystemScopeMaps.IsSystem(name)
            || c.ExecuteScalar<long>("SELECT count(*) FROM scope_maps WHERE registry_id = @registryId AND name = @name;", new { registryId, name }, t) > 0);

    private sealed class PrincipalRow
    {
        public string Id { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Name { get; set; } = "";

        public long? RegistryId { get; set; }

        public long Enabled { get; set; }

        public long CreatedAt { get; set; }

        public string? AppId { get; set; }

        public string? ScopeMap { get; set; }

        public PrincipalRecord ToRecord() =>
            new(Id, PrincipalKinds.FromText(Kind), Name, RegistryId, Enabled != 0, UnixTime.FromMs(CreatedAt), AppId, ScopeMap);
    }
}
