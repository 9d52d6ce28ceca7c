using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Scopes;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Authentication;

/// <summary>
/// Turns a principal into its grants for one registry, cached per (principal, registry) and identity version.
/// Users, service principals and managed identities: role assignments at server scope, at this registry, and at
/// repository patterns of this registry. Tokens: their scope map, in their own registry only. Admin user: full
/// repository access to its own registry. Anonymous: pull where the registry allows it. Thread-safe.
/// </summary>
public sealed class GrantResolver(
    IRoleAssignmentStore assignments,
    IPrincipalStore principals,
    IScopeMapStore scopeMaps,
    IRegistryAccessSettings settings,
    IdentityVersion version,
    IOptions<IdentityOptions> options,
    TimeProvider time)
{
    private static readonly IReadOnlyList<Grant> Nothing = [];
    private readonly VersionedCache<(string, long), IReadOnlyList<Grant>> cache = new(options.Value.CacheMaxEntries, time);
    private readonly TimeSpan duration = options.Value.CredentialCacheDuration;

    public async Task<IReadOnlyList<Grant>> GetGrantsAsync(Principal principal, long registryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        switch (principal.Kind)
        {
            case PrincipalKind.Anonymous:
                return await settings.IsAnonymousPullEnabledAsync(registryId, ct)
                    ? [new Grant(registryId, null, RepositoryAction.ContentRead | RepositoryAction.MetadataRead, ResourcePermission.None)]
                    : Nothing;
            case PrincipalKind.AdminUser:
                return principal.RegistryId == registryId ? [new Grant(registryId, null, RepositoryAction.All, ResourcePermission.None)] : Nothing;
            case PrincipalKind.RepositoryToken when principal.RegistryId != registryId:
                return Nothing;
        }

        var current = await version.CurrentAsync(ct);
        var key = (principal.Id, registryId);
        if (cache.TryGet(key, current, out var cached))
        {
            return cached;
        }

        var grants = principal.Kind == PrincipalKind.RepositoryToken
            ? await TokenGrantsAsync(principal.Id, registryId, ct)
            : await RoleGrantsAsync(principal.Id, registryId, ct);
        cache.Set(key, grants, current, time.GetUtcNow() + duration);
        return grants;
    }

    private async Task<IReadOnlyList<Grant>> RoleGrantsAsync(string principalId, long registryId, CancellationToken ct)
    {
        var grants = new List<Grant>();
        foreach (var a in await assignments.ListAsync(principalId, ct))
        {
            if ((a.RegistryId is null || a.RegistryId == registryId) && Roles.Find(a.Role) is { } role)
            {
                grants.Add(new Grant(a.RegistryId, a.RepositoryPattern, role.Repository, role.Resources));
            }
        }

        return grants;
    }

    private async Task<IReadOnlyList<Grant>> TokenGrantsAsync(string tokenId, long registryId, CancellationToken ct)
    {
        var token = await principals.GetAsync(tokenId, ct);
        if (token?.ScopeMap is not { } mapName || token.RegistryId != registryId)
        {
            return Nothing;
        }

        var actions = SystemScopeMaps.Actions(mapName) ?? (await scopeMaps.GetAsync(registryId, mapName, ct))?.Actions;
        return actions is null ? Nothing : ScopeMapActions.ToGrants(registryId, actions);
    }
}
