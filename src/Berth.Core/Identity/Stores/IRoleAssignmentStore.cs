namespace Berth.Core.Identity.Stores;

/// <summary>
/// Role assignments. Role names and scopes are validated by the caller. Writes run in one transaction with
/// their <see cref="AuditEntry"/> and bump the identity version. Thread-safe.
/// </summary>
public interface IRoleAssignmentStore
{
    /// <summary>
    /// <see cref="StoreOutcome.NotFound"/> when the principal or registry does not exist;
    /// <see cref="StoreOutcome.NameTaken"/> when the same (principal, role, scope) is already assigned.
    /// </summary>
    Task<StoreOutcome> InsertAsync(RoleAssignmentRecord assignment, AuditEntry audit, CancellationToken ct);

    /// <summary>All assignments, or those of one principal id, oldest first.</summary>
    Task<IReadOnlyList<RoleAssignmentRecord>> ListAsync(string? principalId, CancellationToken ct);

    Task<RoleAssignmentRecord?> GetAsync(string id, CancellationToken ct);

    Task<bool> DeleteAsync(string id, AuditEntry audit, CancellationToken ct);
}
