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
    /// <summary>The Owner created now, or null when the server already has users (or another process just made the Owner).</summary>
    public async Task<InitialOwner?> EnsureInitialOwnerAsync(CancellationToken ct)
    {
        var existing = await principals.ListAsync(PrincipalKind.User, null, ct);
        var username = options.Value.InitialOwnerUsername;
        var configured = options.Value.InitialOwnerPassword;
        if (existing.Count == 0)
        {
            Issued<UserInfo> created;
            try
            {
                created = await users.CreateAsync(username, configured, Actors.System, ct);
            }
            catch (IdentityException e) when (e.Kind == IdentityErrorKind.Conflict)
            {
                return null;
            }

            // Losing the assignment race means another process is finishing the bootstrap and will print its password.
            return await AssignOwnerAsync(created.Item.Id, ct)
                ? new InitialOwner(created.Item.Username, configured is null ? created.Secret : null)
                : null;
        }

        if (existing.Count == 1 && string.Equals(existing[0].Name, username, StringComparison.OrdinalIgnoreCase)
            && (await assignments.ListAsync(null, ct)).Count == 0)
        {
            // A first start that stopped between creating the Owner and assigning its role (or one still running in
            // another process). Whoever assigns the role owns the bootstrap; the winner then sets a fresh password,
            // because a password printed by an interrupted start may never have been seen.
            if (!await AssignOwnerAsync(existing[0].Id, ct))
            {
                return null;
            }

            var reset = await users.ResetPasswordAsync(existing[0].Name, configured, Actors.System, ct)
                ?? throw new InvalidOperationException("the initial owner disappeared during bootstrap");
            return new InitialOwner(reset.Item.Username, configured is null ? reset.Secret : null);
        }

        return null;
    }

    private async Task<bool> AssignOwnerAsync(string principalId, CancellationToken ct)
    {
        try
        {
            await roles.CreateAsync(principalId, Roles.Owner.Name, "/", Actors.System, ct);
            return true;
        }
        catch (IdentityException e) when (e.Kind == IdentityErrorKind.Conflict)
        {
            return false;
        }
    }
}
