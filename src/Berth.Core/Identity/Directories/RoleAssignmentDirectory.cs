using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Scopes;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IRoleAssignmentDirectory"/>. Roles are the built-in ones (names case-insensitive, stored canonical);
/// scopes are parsed by <see cref="RoleScope"/> with registry names resolved to ids; principals are users,
/// service principals or managed identities given by id or unambiguous name (tokens and admin users cannot hold
/// roles). Invalid input is Invalid, a duplicate is Conflict, and deleting the last server Owner is Conflict.
/// </summary>
public sealed class RoleAssignmentDirectory(
    IRoleAssignmentStore store,
    IPrincipalStore principals,
    IRegistryAccessStore registries,
    OwnerGuard owners,
    IdentityVersion version,
    AuditEntries audit) : IRoleAssignmentDirectory
{
    public async Task<RoleAssignmentInfo> CreateAsync(string principal, string role, string scope, Principal actor, CancellationToken ct)
    {
        var definition = Roles.Find(role ?? string.Empty)
            ?? throw new IdentityException(IdentityErrorKind.Invalid, $"unknown role '{role}'; roles are {string.Join(", ", Roles.All.Select(r => r.Name))}");
        if (!RoleScope.TryParse(scope, out var parsed))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"invalid scope '{scope}': expected /, /registries/<name> or /registries/<name>/repositories/<name or glob>");
        }

        RegistryAccessRecord? registry = null;
        if (parsed.RegistryName is { } registryName)
        {
            registry = await registries.FindAsync(registryName, ct)
                ?? throw new IdentityException(IdentityErrorKind.Invalid, $"registry '{registryName}' does not exist");
        }

        var holder = await ResolveAsync(principal, ct) ?? throw new IdentityException(IdentityErrorKind.Invalid, $"principal '{principal}' does not exist");
        if (holder.Kind is not (PrincipalKind.User or PrincipalKind.ServicePrincipal or PrincipalKind.ManagedIdentity))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "only users, service principals and managed identities hold roles; tokens get their rights from a scope map");
        }

        var canonicalScope = RoleScope.Format(registry?.Name, parsed.RepositoryPattern);
        var entry = audit.Change("role-assignment.create", actor, "role-assignments", $"principal={holder.Id} role={definition.Name} scope={canonicalScope}");
        var record = new RoleAssignmentRecord(SecretGenerator.NewId(PrincipalIds.RoleAssignment), holder.Id, definition.Name, registry?.Id, parsed.RepositoryPattern, entry.At);
        var outcome = await store.InsertAsync(record, entry with { Target = $"role-assignments/{record.Id}" }, ct);
        if (outcome == StoreOutcome.NameTaken)
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"{definition.Name} is already assigned to '{holder.Name}' at {canonicalScope}");
        }

        Outcomes.Require(outcome, $"principal '{holder.Name}'");
        version.Invalidate();
        return new RoleAssignmentInfo(record.Id, holder.Id, holder.Name, definition.Name, canonicalScope, record.CreatedAt);
    }

    public async Task<IReadOnlyList<RoleAssignmentInfo>> ListAsync(string? principal, CancellationToken ct)
    {
        string? principalId = null;
        if (principal is not null)
        {
            if (await ResolveAsync(principal, ct) is not { } holder)
            {
                return [];
            }

            principalId = holder.Id;
        }

        var names = new Dictionary<long, string>();
        var result = new List<RoleAssignmentInfo>();
        foreach (var a in await store.ListAsync(principalId, ct))
        {
            result.Add(await InfoAsync(a, names, ct));
        }

        return result;
    }

    public async Task<bool> DeleteAsync(string id, Principal actor, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || await store.GetAsync(id, ct) is not { } assignment)
        {
            return false;
        }

        await owners.EnsureAnotherOwnerAsync(null, assignment.Id, ct);
        var detail = $"principal={assignment.PrincipalId} role={assignment.Role}";
        var deleted = await store.DeleteAsync(id, audit.Change("role-assignment.delete", actor, $"role-assignments/{id}", detail), ct);
        version.Invalidate();
        return deleted;
    }

    /// <summary>A user, service principal or managed identity by id, name or app id; Invalid when a name is ambiguous.</summary>
    private async Task<PrincipalRecord?> ResolveAsync(string? value, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (PrincipalIds.LooksLikeId(value))
        {
            return await principals.GetAsync(value, ct);
        }

        var found = new List<PrincipalRecord>();
        if (Guid.TryParse(value, out var appId) && await principals.FindByAppIdAsync(appId.ToString("D"), ct) is { } byAppId)
        {
            found.Add(byAppId);
        }

        if (IdentityNames.IsValidUsername(value))
        {
            foreach (var kind in new[] { PrincipalKind.User, PrincipalKind.ServicePrincipal, PrincipalKind.ManagedIdentity })
            {
                if (await principals.FindByNameAsync(kind, null, value, ct) is { } byName && found.All(f => f.Id != byName.Id))
                {
                    found.Add(byName);
                }
            }
        }

        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new IdentityException(IdentityErrorKind.Invalid, $"'{value}' names several identities; use the id ({string.Join(", ", found.Select(f => f.Id))})"),
        };
    }

    private async Task<RoleAssignmentInfo> InfoAsync(RoleAssignmentRecord a, Dictionary<long, string> names, CancellationToken ct)
    {
        string? registryName = null;
        if (a.RegistryId is { } registryId && !names.TryGetValue(registryId, out registryName))
        {
            registryName = (await registries.GetAsync(registryId, ct))?.Name ?? registryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names[registryId] = registryName;
        }

        var holder = await principals.GetAsync(a.PrincipalId, ct);
        return new RoleAssignmentInfo(a.Id, a.PrincipalId, holder?.Name ?? a.PrincipalId, a.Role, RoleScope.Format(registryName, a.RepositoryPattern), a.CreatedAt);
    }
}
