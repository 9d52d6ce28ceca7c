namespace Berth.Core.Identity;

/// <summary>
/// Repository-scoped tokens of a registry (ACR tokens): a scope map, enabled flag, and passwords in slots
/// <c>password1</c>/<c>password2</c> with optional expiry. Creation returns password1 once. Audited; thread-safe.
/// </summary>
public interface IRepositoryTokenDirectory
{
    Task<Issued<RepositoryTokenInfo>> CreateAsync(long registryId, string name, string scopeMap, bool enabled, TimeSpan? passwordLifetime, Principal actor, CancellationToken ct);

    Task<IReadOnlyList<RepositoryTokenInfo>> ListAsync(long registryId, CancellationToken ct);

    Task<RepositoryTokenInfo?> GetAsync(long registryId, string name, CancellationToken ct);

    /// <summary>Changes the scope map and/or enabled flag (null leaves a value unchanged).</summary>
    Task<RepositoryTokenInfo?> UpdateAsync(long registryId, string name, string? scopeMap, bool? enabled, Principal actor, CancellationToken ct);

    Task<bool> DeleteAsync(long registryId, string name, Principal actor, CancellationToken ct);

    /// <summary>Generates (replaces) the password in <paramref name="slot"/> (<c>password1</c> or <c>password2</c>).</summary>
    Task<Issued<RepositoryTokenInfo>?> GenerateCredentialAsync(long registryId, string name, string slot, TimeSpan? lifetime, Principal actor, CancellationToken ct);
}
