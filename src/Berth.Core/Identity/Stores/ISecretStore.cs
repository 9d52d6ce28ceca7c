namespace Berth.Core.Identity.Stores;

/// <summary>
/// Hashed secrets of principals. Writes run in one transaction with their <see cref="AuditEntry"/> and bump
/// the identity version. Thread-safe.
/// </summary>
public interface ISecretStore
{
    /// <summary>Every secret of a principal, expired ones included, oldest first; empty when unknown.</summary>
    Task<IReadOnlyList<SecretRecord>> ListAsync(string principalId, CancellationToken ct);

    /// <summary>
    /// Stores a secret, replacing the principal's secret with the same id; with <paramref name="replaceOthers"/>
    /// every other secret of the principal is deleted in the same transaction. False when the principal does not exist.
    /// </summary>
    Task<bool> PutAsync(SecretRecord secret, bool replaceOthers, AuditEntry audit, CancellationToken ct);

    /// <summary>Deletes one secret; false when unknown.</summary>
    Task<bool> DeleteAsync(string principalId, string secretId, AuditEntry audit, CancellationToken ct);
}
