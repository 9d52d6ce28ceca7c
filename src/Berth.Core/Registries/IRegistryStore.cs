using Berth.Core.Identity;

namespace Berth.Core.Registries;

/// <summary>
/// Registry rows of a metadata provider. Thread-safe; each write runs with its audit entry in one transaction and
/// bumps the identity version (the registry directory's cache is tied to it). Never throws for expected outcomes.
/// </summary>
public interface IRegistryStore
{
    /// <summary>Every registry, ordered by id.</summary>
    Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken ct);

    /// <summary>The registry with this id, or null.</summary>
    Task<RegistryRecord?> GetAsync(long id, CancellationToken ct);

    /// <summary>Creates the registry (and its disabled admin user); null when the name is taken (ignoring case).</summary>
    Task<RegistryRecord?> CreateAsync(RegistryDraft draft, DateTimeOffset at, AuditEntry audit, CancellationToken ct);

    /// <summary>Applies the changes; null when the registry does not exist.</summary>
    Task<RegistryRecord?> UpdateAsync(long id, RegistryChanges changes, AuditEntry audit, CancellationToken ct);

    /// <summary>
    /// Deletes the registry and everything that belongs to it (repositories, manifests, tags, blob rows, uploads,
    /// tokens, scope maps, role assignments at its scope, its admin user). Stored blob objects no registry holds any
    /// more are left to the garbage collector. False when the registry does not exist.
    /// </summary>
    Task<bool> DeleteAsync(long id, AuditEntry audit, CancellationToken ct);

    /// <summary>The registry's unique blob bytes (0 for an unknown registry). One primary-key lookup.</summary>
    Task<long> GetStorageBytesAsync(long id, CancellationToken ct);

    /// <summary>How many repository-scoped tokens the registry has.</summary>
    Task<int> CountRepositoryTokensAsync(long id, CancellationToken ct);
}
