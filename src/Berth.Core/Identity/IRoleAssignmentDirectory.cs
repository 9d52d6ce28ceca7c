namespace Berth.Core.Identity;

/// <summary>
/// Role assignments (principal, built-in role, scope). The principal is given by id or by name (user name,
/// service principal app id or name, managed identity name). Audited; thread-safe.
/// </summary>
public interface IRoleAssignmentDirectory
{
    Task<RoleAssignmentInfo> CreateAsync(string principal, string role, string scope, Principal actor, CancellationToken ct);

    /// <summary>All assignments, or those of one principal (id or name).</summary>
    Task<IReadOnlyList<RoleAssignmentInfo>> ListAsync(string? principal, CancellationToken ct);

    Task<bool> DeleteAsync(string id, Principal actor, CancellationToken ct);
}
