namespace Berth.Core.Identity;

/// <summary>
/// Scope maps of a registry. Actions are <c>repositories/&lt;name or glob&gt;/&lt;content|metadata&gt;/&lt;read|write|delete&gt;</c>
/// (content/read, content/write, content/delete, metadata/read, metadata/write). The system maps
/// <c>_repositories_pull</c>, <c>_repositories_push</c>, <c>_repositories_admin</c> exist in every registry and are
/// read-only. Audited; thread-safe.
/// </summary>
public interface IScopeMapDirectory
{
    Task<ScopeMapInfo> CreateAsync(long registryId, string name, IReadOnlyList<string> actions, string? description, Principal actor, CancellationToken ct);

    Task<IReadOnlyList<ScopeMapInfo>> ListAsync(long registryId, CancellationToken ct);

    Task<ScopeMapInfo?> GetAsync(long registryId, string name, CancellationToken ct);

    Task<ScopeMapInfo?> UpdateAsync(long registryId, string name, IReadOnlyList<string> add, IReadOnlyList<string> remove, string? description, Principal actor, CancellationToken ct);

    /// <summary>False when unknown; throws <see cref="IdentityException"/> when a token still uses it or it is a system map.</summary>
    Task<bool> DeleteAsync(long registryId, string name, Principal actor, CancellationToken ct);
}
