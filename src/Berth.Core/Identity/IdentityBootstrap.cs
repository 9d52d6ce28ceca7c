using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity;

/// <summary>The Owner created on first start; <see cref="GeneratedPassword"/> is set only when Berth chose it.</summary>
public sealed record InitialOwner(string Username, string? GeneratedPassword);

/// <summary>
/// First-start access: nothing is open by default, so when no users exist Berth creates one Owner at server scope
/// (<see cref="IdentityOptions.InitialOwnerUsername"/>, password from <see cref="IdentityOptions.InitialOwnerPassword"/>
/// or generated). The server prints a generated password once to the console, never to the log. Idempotent and
/// safe to run from several processes at once (the losers see the name taken and do nothing).
/// </summary>
public sealed class IdentityBootstrap(
    IPrincipalStore principals,
    IRoleAssignmentStore assignments,
    IUserDirectory users,
    IRoleAssignmentDirectory roles,
    IOptions<IdentityOptions> options)
{
    /// <summary>The Owner created now, or null when the server already has users.</summary>
    public async Task<InitialOwner?> EnsureInitialOwnerAsync(CancellationToken ct)
    {
        var existing = await principals.ListAsync(PrincipalKind.User, null, ct);
        var username = options.Value.InitialOwnerUsername;
        var configured = options.Value.InitialOwnerPassword;
        Issued<UserInfo> created;
        if (existing.Count == 0)
        {
            try
            {
                created = await users.CreateAsync(username, configured, Actors.System, ct);
            }
            catch (IdentityException e) when (e.Kind == IdentityErrorKind.Conflict)
            {
                return null;
            }
        }
        else if (existing.Count == 1 && string.Equals(existing[0].Name, username, StringComparison.OrdinalIgnoreCase)
            && (await assignments.ListAsync(null, ct)).Count == 0)
        {
            // A first start that stopped between creating the Owner and assigning its role: finish it with a
            // fresh password, since the one printed then may never have been seen.
            created = await users.ResetPasswordAsync(username, configured, Actors.System, ct)
                ?? throw new InvalidOperationException("the initial owner disappeared during bootstrap");
        }
        else
        {
            return null;
        }

        await roles.CreateAsync(created.Item.Id, Roles.Owner.Name, "/", Actors.System, ct);
        return new InitialOwner(created.Item.Username, configured is null ? created.Secret : null);
    }
}
