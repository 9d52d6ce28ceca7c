using Berth.Core.Identity;
using Berth.Core.Oci;

namespace Berth.Api.Auth;

/// <summary>
/// What a token may carry: the intersection of the requested scopes with what the principal holds, decided by
/// <see cref="AccessPolicy"/> (locks are not consulted here: they bind at each request). Thread-safe.
/// </summary>
public sealed class ScopeGranter(IAuthenticator identities, IRegistryAccessSettings settings)
{
    private static readonly string[] DockerActions = ["pull", "push", "delete"];

    public async Task<IReadOnlyList<AccessEntry>> GrantAsync(Principal principal, long registryId, IReadOnlyList<AccessEntry> requested, CancellationToken ct)
    {
        IReadOnlyList<Grant>? grants = null;
        var repositories = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var result = new List<AccessEntry>();
        foreach (var scope in requested)
        {
            switch (scope.Type)
            {
                case AccessEntry.Repository when Names.IsValidRepository(scope.Name):
                    grants ??= await identities.GetGrantsAsync(principal, registryId, ct);
                    foreach (var action in DockerActions.Where(scope.Has))
                    {
                        if (Allows(principal, grants, registryId, scope.Name, action))
                        {
                            (repositories.TryGetValue(scope.Name, out var set) ? set : repositories[scope.Name] = new(StringComparer.Ordinal)).Add(action);
                        }
                    }

                    break;
                case AccessEntry.Registry when scope.Name == "catalog" && !result.Contains(AccessEntry.Catalog):
                    // The catalog is filtered per caller; anonymous callers list only where anonymous pull is on.
                    if (!principal.IsAnonymous || await settings.IsAnonymousPullEnabledAsync(registryId, ct))
                    {
                        result.Add(AccessEntry.Catalog);
                    }

                    break;
                case AccessEntry.Management when CanUseManagementApi(principal) && !result.Contains(AccessEntry.ManagementApi):
                    result.Add(AccessEntry.ManagementApi);
                    break;
            }
        }

        result.InsertRange(0, repositories.Select(r => new AccessEntry(AccessEntry.Repository, r.Key, [.. Order(r.Value)])));
        return result;
    }

    /// <summary>Repository tokens and admin users are confined to the data plane.</summary>
    public static bool CanUseManagementApi(Principal principal) =>
        principal.Kind is PrincipalKind.User or PrincipalKind.ServicePrincipal or PrincipalKind.ManagedIdentity;

    private static bool Allows(Principal principal, IReadOnlyList<Grant> grants, long registryId, string repository, string action)
    {
        var (needed, write) = action switch
        {
            "pull" => (RepositoryAction.ContentRead, AccessPolicy.WriteKind.Ordinary),
            // Signers may push signature material only; each request is checked again with its real kind.
            "push" => (RepositoryAction.ContentWrite, AccessPolicy.WriteKind.Referrer),
            _ => (RepositoryAction.ContentDelete, AccessPolicy.WriteKind.Ordinary),
        };
        return AccessPolicy.Decide(principal, grants, registryId, repository, needed, ObjectLocks.Unlocked, write).Allowed;
    }

    private static IEnumerable<string> Order(IEnumerable<string> actions) =>
        actions.OrderBy(a => Array.IndexOf(DockerActions, a));
}
