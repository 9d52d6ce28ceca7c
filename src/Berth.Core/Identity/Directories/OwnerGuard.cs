using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// Keeps the server administrable: refuses a change that would leave no enabled principal holding Owner at server
/// scope, when something holds it now. The check and the change are separate transactions, so two concurrent
/// removals of the last two Owners can both pass; this guards against mistakes, not races. Thread-safe.
/// </summary>
public sealed class OwnerGuard(IRoleAssignmentStore assignments, IPrincipalStore principals)
{
    /// <summary>Throws Conflict if removing the principal and/or assignment (or disabling the principal) leaves no server Owner.</summary>
    public async Task EnsureAnotherOwnerAsync(string? principalId, string? assignmentId, CancellationToken ct)
    {
        var owners = (await assignments.ListAsync(null, ct))
            .Where(a => a.RegistryId is null && string.Equals(a.Role, Roles.Owner.Name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (!owners.Any(a => a.PrincipalId == principalId || a.Id == assignmentId))
        {
            return;
        }

        foreach (var owner in owners.Where(a => a.PrincipalId != principalId && a.Id != assignmentId))
        {
            if (await principals.GetAsync(owner.PrincipalId, ct) is { Enabled: true })
            {
                return;
            }
        }

        throw new IdentityException(IdentityErrorKind.Conflict, "this would leave no enabled Owner at server scope; assign Owner to another identity first");
    }
}
