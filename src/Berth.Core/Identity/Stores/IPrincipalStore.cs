namespace Berth.Core.Identity.Stores;

/// <summary>
/// Principals of every kind with a stored row: users, service principals, managed identities, repository
/// tokens, and the admin user of each registry (created with the registry, id <c>adm_{registryId}</c>,
/// disabled). Names are unique per kind (per registry for tokens) and compare case-insensitively.
/// Every write runs in one transaction together with its <see cref="AuditEntry"/> and bumps the identity
/// version (<see cref="IIdentityVersionStore"/>). Thread-safe; reads return null for unknown ids/names.
/// </summary>
public interface IPrincipalStore
{
    /// <summary>
    /// Inserts a principal with its initial secrets. <see cref="StoreOutcome.NameTaken"/> when the name (or
    /// app id) is in use; <see cref="StoreOutcome.NotFound"/> when its registry does not exist;
    /// <see cref="StoreOutcome.MissingReference"/> when a token names a scope map that is neither a system
    /// map (<see cref="Scopes.SystemScopeMaps"/>) nor stored in its registry.
    /// </summary>
    Task<StoreOutcome> InsertAsync(PrincipalRecord principal, IReadOnlyList<SecretRecord> secrets, AuditEntry audit, CancellationToken ct);

    Task<PrincipalRecord?> GetAsync(string id, CancellationToken ct);

    /// <summary>The principal of <paramref name="kind"/> named <paramref name="name"/> (tokens: within <paramref name="registryId"/>).</summary>
    Task<PrincipalRecord?> FindByNameAsync(PrincipalKind kind, long? registryId, string name, CancellationToken ct);

    /// <summary>The service principal with this app id (lowercase GUID text).</summary>
    Task<PrincipalRecord?> FindByAppIdAsync(string appId, CancellationToken ct);

    /// <summary>All principals of a kind, by name; for tokens only those of <paramref name="registryId"/>.</summary>
    Task<IReadOnlyList<PrincipalRecord>> ListAsync(PrincipalKind kind, long? registryId, CancellationToken ct);

    /// <summary>
    /// Changes the enabled flag and/or a token's scope map (null leaves a value as it is).
    /// <see cref="StoreOutcome.NotFound"/> or <see cref="StoreOutcome.MissingReference"/> (unknown scope map).
    /// </summary>
    Task<StoreOutcome> UpdateAsync(string id, bool? enabled, string? scopeMap, AuditEntry audit, CancellationToken ct);

    /// <summary>Deletes a principal with its secrets and role assignments; false when unknown. The admin user cannot be deleted.</summary>
    Task<bool> DeleteAsync(string id, AuditEntry audit, CancellationToken ct);
}
