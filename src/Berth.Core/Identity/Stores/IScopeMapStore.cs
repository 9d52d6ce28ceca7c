namespace Berth.Core.Identity.Stores;

/// <summary>
/// User-defined scope maps (system maps live in code). Names are unique per registry, case-insensitively.
/// Actions are validated by the caller. Writes run in one transaction with their <see cref="AuditEntry"/>
/// and bump the identity version. Thread-safe.
/// </summary>
public interface IScopeMapStore
{
    /// <summary><see cref="StoreOutcome.NameTaken"/> or <see cref="StoreOutcome.NotFound"/> (unknown registry).</summary>
    Task<StoreOutcome> InsertAsync(ScopeMapRecord map, AuditEntry audit, CancellationToken ct);

    /// <summary>The registry's maps by name.</summary>
    Task<IReadOnlyList<ScopeMapRecord>> ListAsync(long registryId, CancellationToken ct);

    Task<ScopeMapRecord?> GetAsync(long registryId, string name, CancellationToken ct);

    /// <summary>
    /// Adds and removes actions (adding a present one or removing an absent one is no change) and, when not
    /// null, replaces the description. <see cref="StoreOutcome.NotFound"/> when the map does not exist.
    /// </summary>
    Task<StoreOutcome> UpdateAsync(long registryId, string name, IReadOnlyList<string> add, IReadOnlyList<string> remove, string? description, AuditEntry audit, CancellationToken ct);

    /// <summary><see cref="StoreOutcome.NotFound"/>, or <see cref="StoreOutcome.InUse"/> while a token of the registry uses it.</summary>
    Task<StoreOutcome> DeleteAsync(long registryId, string name, AuditEntry audit, CancellationToken ct);
}
